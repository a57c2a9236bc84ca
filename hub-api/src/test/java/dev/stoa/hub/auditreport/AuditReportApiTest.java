package dev.stoa.hub.auditreport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.hub.curation.Curations;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.moderation.Moderators;
import dev.stoa.hub.openai.TinyModelRepos;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.spi.testkit.TinyModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit report of a model with checks, an evaluation, a curation and a quarantine history: every section there,
 * completeness measured against the card as written, the same report as HTML; private repositories stay private.
 */
@QuarkusTest
class AuditReportApiTest {

    private static final TinyModel MODEL = TinyModel.llama(97);

    @Test
    void aReportHoldsEverySectionOfWhatStoaKnows() throws Exception {
        TestRepos.Owned model = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(model, MODEL);
        String commit = TestRepos.commit(model, "main", TestRepos.ndjson("Card").file("README.md", """
                ---
                license: mit
                datasets: [acme/nowhere]
                ---
                # Tiny
                ## Intended use
                Tests.
                ## Training data
                Random weights.
                ## Limitations
                Says nothing useful.
                """));
        Curations.awaitChecks(model, commit);

        TestRepos.Owned dataset = TestRepos.newRepo("dataset", false);
        TestRepos.commit(dataset, "main", TestRepos.ndjson("Task")
                .file("test.jsonl", "{\"q\": \"1+1\", \"label\": 0}\n")
                .file("task.yaml", """
                        task: audit_pick
                        dataset_path: %s
                        output_type: multiple_choice
                        test_split: test
                        doc_to_text: "Q: {{q}}="
                        doc_to_target: "{{label}}"
                        doc_to_choice: ["2", "3"]
                        """.formatted(dataset.id())));
        String run = given().auth().oauth2(model.token()).contentType(ContentType.JSON)
                .body(Map.of("model", model.id(), "task", dataset.id() + "/audit_pick")).post("/api/v1/evaluations")
                .then().statusCode(202).extract().jsonPath().getString("id");
        dev.stoa.hub.testing.Eventually.await("the evaluation", () -> given().auth().oauth2(model.token())
                .get("/api/v1/evaluations/" + run).then().extract().jsonPath().getString("status"),
                status -> status.equals("succeeded") || status.equals("failed"));

        long curation = Curations.submit(model.token(), model, Map.of("revision", "main", "note", "please"))
                .then().statusCode(201).extract().jsonPath().getLong("request.id");
        Moderators.User moderator = Moderators.newModerator();
        long quarantine = ((Number) Moderators.quarantine(moderator.token(), "models", model.id(),
                Map.of("reason", "Checking a report")).then().statusCode(201).extract().path("id")).longValue();
        Moderators.lift(moderator.token(), "models", model.id(), quarantine).then().statusCode(200);

        String url = "/api/v1/repos/models/" + model.id() + "/audit-report";
        JsonPath report = given().auth().oauth2(model.token()).get(url).then().statusCode(200).extract().jsonPath();
        assertThat(report.getString("schema")).isEqualTo("stoa-audit-report/1");
        assertThat(report.getString("identity.commit")).isEqualTo(commit);
        assertThat(report.getList("identity.files.path")).contains("model.safetensors", "config.json", "README.md");
        assertThat(report.getString("identity.files.find { it.path == 'model.safetensors' }.sha256")).hasSize(64);
        assertThat(report.getString("lineage.architecture")).isEqualTo("LlamaForCausalLM");
        assertThat(report.getLong("lineage.parameters")).isEqualTo(MODEL.parameters());
        assertThat(report.getList("lineage.datasets.id")).containsExactly("acme/nowhere");
        assertThat(report.getBoolean("lineage.datasets[0].onStoa")).isFalse();
        assertThat(report.getString("licence.declared")).isEqualTo("mit");
        assertThat(report.getList("security.checks.plugin")).isNotEmpty();
        assertThat(report.getList("security.quarantines.reason")).containsExactly("Checking a report");
        assertThat(report.getBoolean("security.quarantines[0].active")).isFalse();
        assertThat(report.getList("evaluations.task")).containsExactly(dataset.id() + "/audit_pick");
        assertThat(report.getList("governance.curation.status")).containsExactly("pending");
        assertThat(report.getInt("governance.accessRequests.pending")).isZero();
        assertThat(report.getString("governance.auditChain.note")).contains("administrators");

        // Completeness as the card is written: sections by heading, metadata, and what Stoa measured itself.
        Map<String, Boolean> present = new java.util.HashMap<>();
        List<Map<String, Object>> fields = report.getList("card.fields");
        fields.forEach(f -> present.put((String) f.get("id"), (Boolean) f.get("present")));
        assertThat(present).containsEntry("intended_use", true).containsEntry("training_data", true)
                .containsEntry("caveats_recommendations", true).containsEntry("architecture_parameters", true)
                .containsEntry("evaluation_results", true).containsEntry("licence", true)
                .containsEntry("energy", false).containsEntry("bias_detection", false).containsEntry("factors", false);
        long documented = present.values().stream().filter(b -> b).count();
        assertThat(report.getDouble("card.completeness")).isEqualTo(Math.round(1000.0 * documented / fields.size()) / 1000.0);
        assertThat(report.getList("card.gaps.field")).contains("energy", "bias_detection").doesNotContain("licence");

        String html = given().get(url + "?format=html").then().statusCode(200).contentType(ContentType.HTML).extract()
                .asString();
        assertThat(html).contains("Audit report: " + model.id()).contains("id=\"completeness\"", "id=\"gaps\"",
                "id=\"identity\"", "id=\"lineage\"", "id=\"licence\"", "id=\"security\"", "id=\"evaluations\"",
                "id=\"governance\"").contains("Checking a report").contains("LlamaForCausalLM");
        // The PDF holds the sections (its text, as PDFBox reads it).
        byte[] pdf = given().get(url + "?format=pdf").then().statusCode(200).contentType("application/pdf").extract()
                .asByteArray();
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(text).contains("Audit report: " + model.id(), "Documentation completeness", "Gaps", "Identity",
                    "Lineage", "Licence", "Security scans and quarantine history", "Evaluations", "Governance",
                    "Checking a report", "audit_pick");
        }
        // The CycloneDX 1.6 ML-BOM validates against the schema (CycloneDX's own validator) and carries the model card.
        String bom = given().get(url + "?format=cyclonedx").then().statusCode(200)
                .contentType("application/vnd.cyclonedx+json").extract().asString();
        assertThat(new org.cyclonedx.parsers.JsonParser().validate(bom.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                org.cyclonedx.Version.VERSION_16)).isEmpty();
        JsonPath cdx = JsonPath.from(bom);
        assertThat(cdx.getString("specVersion")).isEqualTo("1.6");
        assertThat(cdx.getString("metadata.component.type")).isEqualTo("machine-learning-model");
        assertThat(cdx.getString("metadata.component.version")).isEqualTo(commit);
        assertThat(cdx.getString("metadata.component.modelCard.modelParameters.modelArchitecture"))
                .isEqualTo("LlamaForCausalLM");
        assertThat(cdx.getList("metadata.component.modelCard.quantitativeAnalysis.performanceMetrics.type"))
                .contains("acc", "acc_norm");
        assertThat(cdx.getList("metadata.component.components.name")).contains("model.safetensors");
        assertThat(cdx.getList("components.name")).contains("acme/nowhere");
        // The SPDX 3.0.1 document validates against the SPDX schema and names the AI package and its relationships.
        String spdx = given().get(url + "?format=spdx").then().statusCode(200).contentType("application/spdx+json")
                .extract().asString();
        com.fasterxml.jackson.databind.JsonNode spdxJson = new com.fasterxml.jackson.databind.ObjectMapper().readTree(spdx);
        try (java.io.InputStream in = getClass().getResourceAsStream("/resources/schema-v3.0.1.json")) {
            com.networknt.schema.Schema schema = com.networknt.schema.SchemaRegistry.withDefaultDialect(
                    com.networknt.schema.SpecificationVersion.DRAFT_2020_12).getSchema(in);
            assertThat(schema.validate(spdxJson)).isEmpty();
            // The validator does refuse: an element without its creation information.
            assertThat(schema.validate(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"@context\": \""
                    + spdxJson.path("@context").asText() + "\", \"@graph\": [{\"type\": \"ai_AIPackage\","
                    + " \"spdxId\": \"urn:stoa:x\"}]}"))).isNotEmpty();
        }
        List<String> types = new java.util.ArrayList<>();
        List<String> relationships = new java.util.ArrayList<>();
        String version = null;
        for (com.fasterxml.jackson.databind.JsonNode element : spdxJson.path("@graph")) {
            types.add(element.path("type").asText());
            relationships.add(element.path("relationshipType").asText());
            if (element.path("type").asText().equals("ai_AIPackage") && element.path("name").asText().equals(model.id())) {
                version = element.path("software_packageVersion").asText();
            }
        }
        assertThat(types).contains("ai_AIPackage", "software_File", "SpdxDocument", "Relationship",
                "simplelicensing_LicenseExpression", "dataset_DatasetPackage");
        assertThat(relationships).contains("contains", "hasDeclaredLicense", "trainedOn", "testedOn");
        assertThat(version).isEqualTo(commit);
        given().get(url + "?format=docx").then().statusCode(400);
        given().get(url + "?revision=nope").then().statusCode(404);

        // An administrator's report verifies the audit chain.
        JsonPath admin = given().auth().oauth2(TestAccounts.ADMIN_TOKEN).get(url).then().statusCode(200).extract()
                .jsonPath();
        assertThat(admin.getBoolean("governance.auditChain.verified")).isTrue();
        assertThat(admin.getLong("governance.auditChain.events")).isPositive();
        assertThat(curation).isPositive();
    }

    @Test
    void aPrivateRepositorysReportIsItsReadersAlone() {
        TestRepos.Owned hidden = TestRepos.newRepo("model", true);
        String url = "/api/v1/repos/models/" + hidden.id() + "/audit-report";
        given().auth().oauth2(hidden.token()).get(url).then().log().ifValidationFails().statusCode(200);
        given().auth().oauth2(TestAccounts.tokenOf(TestAccounts.newUser(), "read")).get(url).then().statusCode(404);
        given().get(url).then().statusCode(401);
        given().get("/api/v1/repos/spaces/" + hidden.id() + "/audit-report").then().statusCode(404);
        TestRepos.Owned data = TestRepos.newRepo("dataset", false);
        JsonPath dataset = given().get("/api/v1/repos/datasets/" + data.id() + "/audit-report").then().statusCode(200)
                .extract().jsonPath();
        assertThat(dataset.getList("card.fields.framework")).allMatch(f -> f.toString().startsWith("Datasheets"));
    }
}
