import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.PrefixDocumentFormat;
import org.semanticweb.owlapi.formats.RDFXMLDocumentFormat;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.model.*;

/**
 * Loads an OWL file with the OWL API and saves it as RDF/XML, the way Protégé saves it. The prefixes
 * of the file being overwritten are kept, so that a file written by another tool (which declares only
 * the prefixes it uses) does not lose the ontology's prefixes.
 */
public class OwlSave {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: owl-save IN OUT");
            System.exit(2);
        }
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        manager.getOntologyConfigurator().setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT);
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new FileDocumentSource(new File(args[0])));
        RDFXMLDocumentFormat format = new RDFXMLDocumentFormat();
        OWLDocumentFormat loaded = manager.getOntologyFormat(ontology);
        File out = new File(args[1]);
        if (out.isFile() && !out.getCanonicalFile().equals(new File(args[0]).getCanonicalFile())) {
            OWLOntologyManager previous = OWLManager.createOWLOntologyManager();
            previous.getOntologyConfigurator().setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT);
            OWLOntology old = previous.loadOntologyFromOntologyDocument(new FileDocumentSource(out));
            if (previous.getOntologyFormat(old) instanceof PrefixDocumentFormat prefixes) format.copyPrefixesFrom(prefixes);
        }
        if (loaded instanceof PrefixDocumentFormat prefixes) format.copyPrefixesFrom(prefixes);
        manager.saveOntology(ontology, format, IRI.create(new File(args[1]).getAbsoluteFile()));
    }
}
