package dev.stoa.hub.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One evaluation run as stored.
 *
 * @param model       the model as asked for ({@code ns/name} or {@code external/x})
 * @param modelRepoId its repository; empty for an external model
 * @param modelCommit the commit it was pinned to; empty for an external model
 * @param datasetId   the dataset repository holding the task file ({@code ns/name})
 * @param record      what the run is made of, for reproducing it (inputs, then who computed it)
 * @param metrics     each metric's value and stderr once the run succeeded
 */
public record EvaluationRow(UUID id, long ownerId, String ownerName, String model, Optional<Long> modelRepoId,
        Optional<String> modelCommit, long datasetRepoId, String datasetId, String datasetCommit, String taskName,
        String taskFile, String taskSha256, int numFewshot, long limit, long seed, String status,
        boolean cancelRequested, long done, Optional<Long> total, Optional<JsonNode> metrics, JsonNode record,
        Optional<String> error, Optional<String> samplesKey, Instant createdAt, Optional<Instant> startedAt,
        Optional<Instant> finishedAt) {

    /** The task as the API names it: {@code <dataset ns/name>/<task>}. */
    public String task() {
        return datasetId + "/" + taskName;
    }

    public boolean isFinished() {
        return status.equals("succeeded") || status.equals("failed") || status.equals("cancelled");
    }
}
