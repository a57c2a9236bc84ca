package dev.stoa.hub.auditreport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The audit report as an SPDX 3.0.1 document (JSON-LD) with the AI and Dataset profiles: the revision as an
 * {@code ai_AIPackage} (or a {@code dataset_DatasetPackage}) with its version, package URL, model type, metrics as
 * dictionary entries, documentation gaps as its limitation and training information from the lineage; its files
 * with their SHA-256 ({@code contains}), its declared licence ({@code hasDeclaredLicense}), the datasets it names
 * ({@code trainedOn}), the datasets it was evaluated on here ({@code testedOn}) and its base models
 * ({@code descendantOf}). Element identifiers are URNs of the repository and commit.
 */
final class SpdxReport {

    private static final String CONTEXT = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld";
    private static final String CREATION = "_:creationinfo";

    private SpdxReport() {
    }

    static ObjectNode render(JsonNode r) {
        String repo = r.path("repository").path("id").asText();
        String commit = r.path("identity").path("commit").asText();
        boolean isModel = r.path("repository").path("type").asText().equals("model");
        String base = "urn:stoa:" + r.path("repository").path("type").asText() + ":" + repo + "@" + commit;
        ObjectNode doc = AuditReports.JSON.createObjectNode().put("@context", CONTEXT);
        ArrayNode graph = doc.putArray("@graph");
        String agent = "urn:stoa:agent:stoa";
        graph.addObject().put("type", "CreationInfo").put("@id", CREATION).put("specVersion", "3.0.1")
                .put("created", Instant.parse(r.path("generatedAt").asText()).truncatedTo(ChronoUnit.SECONDS).toString())
                .putArray("createdBy").add(agent);
        element(graph, "SoftwareAgent", agent).put("name", "Stoa");
        List<String> elements = new ArrayList<>(List.of(agent));

        String subject = base + "#package";
        ObjectNode pkg = element(graph, isModel ? "ai_AIPackage" : "dataset_DatasetPackage", subject).put("name", repo)
                .put("software_packageVersion", commit)
                .put("software_primaryPurpose", isModel ? "model" : "data")
                .put("summary", "Audit report by Stoa: documentation " + String.format(Locale.ROOT, "%.0f%%",
                        r.path("card").path("completeness").asDouble() * 100) + " complete");
        if (isModel) {
            pkg.put("software_packageUrl", "pkg:huggingface/" + repo + "@" + commit).put("ai_autonomyType", "noAssertion");
            JsonNode lineage = r.path("lineage");
            if (lineage.has("architecture")) {
                pkg.putArray("ai_typeOfModel").add(lineage.path("architecture").asText());
                ArrayNode hyper = pkg.putArray("ai_hyperparameter");
                entry(hyper, "parameters", lineage.path("parameters").asText());
                entry(hyper, "dtypes", lineage.path("dtypes").toString());
                if (lineage.has("adapter")) {
                    entry(hyper, "lora_rank", lineage.path("adapter").path("rank").asText());
                    entry(hyper, "lora_alpha", lineage.path("adapter").path("alpha").asText());
                }
            }
            ArrayNode metrics = AuditReports.JSON.createArrayNode();
            for (JsonNode evaluation : r.path("evaluations")) {
                for (Iterator<Map.Entry<String, JsonNode>> it = evaluation.path("metrics").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> m = it.next();
                    entry(metrics, evaluation.path("task").asText() + " " + m.getKey(), String.format(Locale.ROOT,
                            "%.6f ± %.6f", m.getValue().path("value").asDouble(), m.getValue().path("stderr").asDouble()));
                }
            }
            if (!metrics.isEmpty()) {
                pkg.set("ai_metric", metrics);
            }
            List<String> datasets = new ArrayList<>();
            lineage.path("datasets").forEach(d -> datasets.add(d.path("id").asText()));
            pkg.put("ai_informationAboutTraining", datasets.isEmpty() ? "No training dataset is named in the card."
                    : "Datasets named in the card: " + String.join(", ", datasets) + ".");
        } else {
            pkg.putArray("dataset_datasetType").add("noAssertion");
        }
        List<String> gaps = new ArrayList<>();
        r.path("card").path("gaps").forEach(g -> gaps.add(g.path("name").asText()));
        if (!gaps.isEmpty() && isModel) {
            pkg.put("ai_limitation", "Not documented in the card: " + String.join("; ", gaps) + ".");
        }

        List<String> files = new ArrayList<>();
        int n = 0;
        for (JsonNode f : r.path("identity").path("files")) {
            String id = base + "#file-" + n++;
            ObjectNode file = element(graph, "software_File", id).put("name", f.path("path").asText());
            file.putArray("verifiedUsing").addObject().put("type", "Hash").put("algorithm", "sha256")
                    .put("hashValue", f.path("sha256").asText());
            files.add(id);
        }
        elements.addAll(files);
        relationship(graph, elements, base + "#contains", subject, "contains", files);

        String declared = r.path("licence").path("declared").asText("");
        if (!declared.isBlank() && !declared.equals("null")) {
            String licence = base + "#licence";
            element(graph, "simplelicensing_LicenseExpression", licence).put("simplelicensing_licenseExpression", declared);
            elements.add(licence);
            relationship(graph, elements, base + "#declared-licence", subject, "hasDeclaredLicense", List.of(licence));
        }
        List<String> trainedOn = new ArrayList<>();
        for (JsonNode dataset : r.path("lineage").path("datasets")) {
            trainedOn.add(datasetElement(graph, elements, dataset.path("id").asText(), dataset.path("commit").asText("")));
        }
        relationship(graph, elements, base + "#trained-on", subject, "trainedOn", trainedOn);
        List<String> testedOn = new ArrayList<>();
        for (JsonNode evaluation : r.path("evaluations")) {
            String task = evaluation.path("task").asText();
            String dataset = task.substring(0, task.lastIndexOf('/'));
            String id = datasetElement(graph, elements, dataset, evaluation.path("datasetCommit").asText());
            if (!testedOn.contains(id)) {
                testedOn.add(id);
            }
        }
        relationship(graph, elements, base + "#tested-on", subject, "testedOn", testedOn);
        List<String> bases = new ArrayList<>();
        for (JsonNode model : r.path("lineage").path("baseModels")) {
            String id = "urn:stoa:model:" + model.path("id").asText()
                    + (model.hasNonNull("commit") ? "@" + model.path("commit").asText() : "") + "#package";
            element(graph, "ai_AIPackage", id).put("name", model.path("id").asText())
                    .put("software_primaryPurpose", "model");
            elements.add(id);
            bases.add(id);
        }
        relationship(graph, elements, base + "#descendant-of", subject, "descendantOf", bases);

        ObjectNode document = element(graph, "SpdxDocument", base + "#document")
                .put("name", "Audit report of " + repo + " at " + commit);
        document.putArray("profileConformance").add("core").add("software").add("ai").add("dataset")
                .add("simpleLicensing");
        document.putArray("rootElement").add(subject);
        ArrayNode all = document.putArray("element");
        all.add(subject);
        elements.forEach(all::add);
        return doc;
    }

    private static ObjectNode element(ArrayNode graph, String type, String id) {
        return graph.addObject().put("type", type).put("spdxId", id).put("creationInfo", CREATION);
    }

    private static void entry(ArrayNode entries, String key, String value) {
        entries.addObject().put("type", "DictionaryEntry").put("key", key).put("value", value);
    }

    private static String datasetElement(ArrayNode graph, List<String> elements, String dataset, String commit) {
        String id = "urn:stoa:dataset:" + dataset + (commit.isBlank() ? "" : "@" + commit) + "#package";
        if (elements.contains(id)) {
            return id;
        }
        ObjectNode node = element(graph, "dataset_DatasetPackage", id).put("name", dataset)
                .put("software_primaryPurpose", "data");
        if (!commit.isBlank()) {
            node.put("software_packageVersion", commit);
        }
        node.putArray("dataset_datasetType").add("noAssertion");
        elements.add(id);
        return id;
    }

    private static void relationship(ArrayNode graph, List<String> elements, String id, String from, String type,
            List<String> to) {
        if (to.isEmpty()) {
            return;
        }
        ObjectNode relationship = element(graph, "Relationship", id).put("from", from).put("relationshipType", type);
        ArrayNode targets = relationship.putArray("to");
        to.forEach(targets::add);
        elements.add(id);
    }
}
