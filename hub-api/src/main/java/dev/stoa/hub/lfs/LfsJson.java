package dev.stoa.hub.lfs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/** The git-lfs batch API's JSON (docs/api/batch.md of git-lfs), as Stoa reads and writes it. */
final class LfsJson {

    private LfsJson() {
    }

    record BatchRequest(String operation, List<String> transfers, Ref ref, List<ObjectSpec> objects,
                        @JsonProperty("hash_algo") String hashAlgo) {
    }

    record Ref(String name) {
    }

    record ObjectSpec(String oid, Long size) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BatchResponse(String transfer, List<ObjectResult> objects, @JsonProperty("hash_algo") String hashAlgo) {
    }

    /** One object's answer: no {@code actions} and no {@code error} means the server has it already. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ObjectResult(String oid, long size, Boolean authenticated, Map<String, Action> actions, ObjectError error) {

        static ObjectResult present(String oid, long size) {
            return new ObjectResult(oid, size, true, null, null);
        }

        static ObjectResult failed(String oid, long size, int code, String message) {
            return new ObjectResult(oid, size, null, null, new ObjectError(code, message));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Action(String href, Map<String, String> header, @JsonProperty("expires_in") Long expiresIn) {
    }

    record ObjectError(int code, String message) {
    }

    /** The body the Hugging Face client POSTs to complete a multipart upload. */
    record Completion(String oid, List<Part> parts) {
    }

    record Part(Integer partNumber, String etag) {
    }

    /** The body of a verify request. */
    record Verify(String oid, Long size) {
    }
}
