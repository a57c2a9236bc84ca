package dev.stoa.hub.auditreport;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.generators.json.BomJsonGenerator;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.ModelCard;
import org.cyclonedx.model.component.data.DatasetChoice;
import org.cyclonedx.model.component.modelCard.Considerations;
import org.cyclonedx.model.component.modelCard.ModelParameters;
import org.cyclonedx.model.component.modelCard.PerformanceMetric;
import org.cyclonedx.model.component.modelCard.QuantitativeAnalysis;
import org.cyclonedx.model.component.modelCard.consideration.FairnessAssessment;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.parsers.JsonParser;

/**
 * The audit report as a CycloneDX 1.6 ML-BOM: the revision as a machine-learning-model component (its files with their
 * SHA-256 as sub-components, its licence, a package URL of the Hub's kind) with its model card — architecture, the
 * datasets it names, each evaluation metric with a 95% interval from its standard error, bias results as fairness
 * assessments, the documentation gaps as technical limitations — and the base models and datasets as components of
 * their own. Every document is validated against the CycloneDX 1.6 schema before it is served.
 */
final class CycloneDxReport {

    private CycloneDxReport() {
    }

    static String render(JsonNode r) {
        String id = r.path("repository").path("id").asText();
        String commit = r.path("identity").path("commit").asText();
        boolean isModel = r.path("repository").path("type").asText().equals("model");
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
        bom.setVersion(1);
        Metadata metadata = new Metadata();
        metadata.setTimestamp(Date.from(Instant.parse(r.path("generatedAt").asText())));
        Component subject = new Component();
        subject.setType(isModel ? Component.Type.MACHINE_LEARNING_MODEL : Component.Type.DATA);
        subject.setBomRef("subject");
        subject.setGroup(id.substring(0, id.indexOf('/')));
        subject.setName(id.substring(id.indexOf('/') + 1));
        subject.setVersion(commit);
        if (isModel) {
            subject.setPurl("pkg:huggingface/" + id + "@" + commit);
        }
        String declared = r.path("licence").path("declared").asText("");
        if (!declared.isBlank() && !declared.equals("null")) {
            LicenseChoice licence = new LicenseChoice();
            licence.setExpression(new Expression(declared));
            subject.setLicenses(licence);
        }
        List<Component> files = new ArrayList<>();
        for (JsonNode f : r.path("identity").path("files")) {
            Component file = new Component();
            file.setType(Component.Type.FILE);
            file.setBomRef("file:" + f.path("path").asText());
            file.setName(f.path("path").asText());
            file.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, f.path("sha256").asText())));
            files.add(file);
        }
        subject.setComponents(files);
        subject.setProperties(List.of(
                new Property("stoa:audit-report", r.path("schema").asText()),
                new Property("stoa:card-completeness", String.valueOf(r.path("card").path("completeness").asDouble())),
                new Property("stoa:quarantines", String.valueOf(r.path("security").path("quarantines").size()))));
        List<Component> related = new ArrayList<>();
        if (isModel) {
            subject.setModelCard(modelCard(r, related));
        }
        metadata.setComponent(subject);
        bom.setMetadata(metadata);
        for (JsonNode base : r.path("lineage").path("baseModels")) {
            related.add(repository("base:" + base.path("id").asText(), base, Component.Type.MACHINE_LEARNING_MODEL));
        }
        bom.setComponents(related);
        String json;
        try {
            json = new BomJsonGenerator(bom, Version.VERSION_16).toJsonString();
            List<ParseException> problems = new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8),
                    Version.VERSION_16);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("The ML-BOM does not validate against CycloneDX 1.6: "
                        + problems.getFirst().getMessage());
            }
        } catch (GeneratorException | IOException e) {
            throw new IllegalStateException("The ML-BOM could not be written: " + e.getMessage(), e);
        }
        return json;
    }

    private static ModelCard modelCard(JsonNode r, List<Component> related) {
        JsonNode lineage = r.path("lineage");
        ModelCard card = new ModelCard();
        ModelParameters parameters = new ModelParameters();
        if (lineage.has("architecture")) {
            parameters.setModelArchitecture(lineage.path("architecture").asText());
            parameters.setArchitectureFamily(lineage.path("modelType").asText());
        }
        List<DatasetChoice> datasets = new ArrayList<>();
        for (JsonNode dataset : lineage.path("datasets")) {
            String ref = "dataset:" + dataset.path("id").asText();
            related.add(repository(ref, dataset, Component.Type.DATA));
            DatasetChoice choice = new DatasetChoice();
            choice.setRef(ref);
            datasets.add(choice);
        }
        if (!datasets.isEmpty()) {
            parameters.setDatasets(datasets);
        }
        card.setModelParameters(parameters);
        List<PerformanceMetric> metrics = new ArrayList<>();
        List<FairnessAssessment> fairness = new ArrayList<>();
        for (JsonNode evaluation : r.path("evaluations")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = evaluation.path("metrics").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> m = it.next();
                double value = m.getValue().path("value").asDouble();
                double stderr = m.getValue().path("stderr").asDouble();
                PerformanceMetric metric = new PerformanceMetric();
                metric.setType(m.getKey());
                metric.setValue(number(value));
                metric.setSlice(evaluation.path("task").asText());
                PerformanceMetric.ConfidenceInterval interval = new PerformanceMetric.ConfidenceInterval();
                interval.setLowerBound(number(value - 1.96 * stderr));
                interval.setUpperBound(number(value + 1.96 * stderr));
                metric.setConfidenceInterval(interval);
                metrics.add(metric);
                if (evaluation.path("bias").asBoolean() && m.getKey().startsWith("bias_score")
                        || evaluation.path("bias").asBoolean() && m.getKey().startsWith("pct_stereotype")) {
                    FairnessAssessment assessment = new FairnessAssessment();
                    assessment.setGroupAtRisk(m.getKey().contains("/") ? m.getKey().substring(m.getKey().indexOf('/') + 1)
                            : "all groups of " + evaluation.path("task").asText());
                    assessment.setHarms(m.getKey() + " = " + number(value) + " ± " + number(stderr) + " on "
                            + evaluation.path("task").asText());
                    fairness.add(assessment);
                }
            }
        }
        if (!metrics.isEmpty()) {
            QuantitativeAnalysis analysis = new QuantitativeAnalysis();
            analysis.setPerformanceMetrics(metrics);
            card.setQuantitativeAnalysis(analysis);
        }
        Considerations considerations = new Considerations();
        List<String> gaps = new ArrayList<>();
        r.path("card").path("gaps").forEach(g -> gaps.add("Not documented: " + g.path("name").asText() + " ("
                + g.path("framework").asText() + ")"));
        if (!gaps.isEmpty()) {
            considerations.setTechnicalLimitations(gaps);
        }
        if (!fairness.isEmpty()) {
            considerations.setFairnessAssessments(fairness);
        }
        card.setConsiderations(considerations);
        return card;
    }

    private static Component repository(String ref, JsonNode node, Component.Type type) {
        Component component = new Component();
        component.setType(type);
        component.setBomRef(ref);
        component.setName(node.path("id").asText());
        if (node.hasNonNull("commit")) {
            component.setVersion(node.path("commit").asText());
        }
        return component;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
