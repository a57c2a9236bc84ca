package dev.stoa.hub.lfs;

import dev.stoa.hub.access.HeldBlobReferences;
import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.access.SignedUrls;
import dev.stoa.hub.audit.GatedDownloads;
import dev.stoa.hub.blob.BlobInfo;
import dev.stoa.hub.blob.BlobUploads;
import dev.stoa.hub.blob.Blobs;
import dev.stoa.hub.blob.UploadSession;
import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.lfs.LfsJson.Action;
import dev.stoa.hub.lfs.LfsJson.BatchRequest;
import dev.stoa.hub.lfs.LfsJson.BatchResponse;
import dev.stoa.hub.lfs.LfsJson.ObjectResult;
import dev.stoa.hub.lfs.LfsJson.ObjectSpec;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.storage.Sha256;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers git-lfs batch requests: which objects to send or fetch, and where. Upload and download links
 * authorise themselves (presigned by the store, or signed Stoa URLs), because clients send no credentials
 * with transfers.
 */
@ApplicationScoped
public class LfsBatch {

    /** Most objects in one batch request; git-lfs sends 100 at a time. */
    static final int MAX_OBJECTS = 1000;

    private final RepoAccess access;
    private final Blobs blobs;
    private final BlobUploads uploads;
    private final HeldBlobReferences references;
    private final SignedUrls signer;
    private final StoaConfig config;
    private final GatedDownloads gatedDownloads;

    LfsBatch(RepoAccess access, Blobs blobs, BlobUploads uploads, HeldBlobReferences references, SignedUrls signer,
             StoaConfig config, GatedDownloads gatedDownloads) {
        this.gatedDownloads = gatedDownloads;
        this.access = access;
        this.blobs = blobs;
        this.uploads = uploads;
        this.references = references;
        this.signer = signer;
        this.config = config;
    }

    BatchResponse batch(RepoId id, Optional<Caller> caller, BatchRequest request) {
        String operation = request.operation();
        if (!"upload".equals(operation) && !"download".equals(operation)) {
            throw new ApiException(422, "InvalidOperation", "operation must be 'upload' or 'download', not '" + operation + "'.");
        }
        RepoView repo = operation.equals("upload") ? access.requireWritable(id, caller) : access.requireDownloadable(id, caller);
        // huggingface.js spells it "sha_256"; the Hub takes both.
        if (request.hashAlgo() != null && !request.hashAlgo().equals("sha256") && !request.hashAlgo().equals("sha_256")) {
            throw new ApiException(409, "UnsupportedHashAlgorithm", "Stoa names LFS objects by sha256 only, not '"
                    + request.hashAlgo() + "': send hash_algo 'sha256' or leave it out.");
        }
        List<ObjectSpec> objects = request.objects() == null ? List.of() : request.objects();
        if (objects.size() > MAX_OBJECTS) {
            throw new ApiException(413, "TooManyObjects", "One batch request may name at most " + MAX_OBJECTS
                    + " objects; this one names " + objects.size() + ". Split it.");
        }
        boolean multipartOffered = request.transfers() != null && request.transfers().contains("multipart");
        List<ObjectResult> results = new ArrayList<>();
        boolean anyMultipart = false;
        for (ObjectSpec object : objects) {
            ObjectResult result = invalid(object).orElseGet(() -> operation.equals("upload")
                    ? upload(repo, caller.orElseThrow(), object, multipartOffered)
                    : download(repo, caller, object));
            anyMultipart |= result.actions() != null && result.actions().get("upload") != null
                    && result.actions().get("upload").header() != null
                    && result.actions().get("upload").header().containsKey("chunk_size");
            results.add(result);
        }
        return new BatchResponse(anyMultipart ? "multipart" : "basic", results, "sha256");
    }

    private Optional<ObjectResult> invalid(ObjectSpec object) {
        long size = object.size() == null ? 0 : Math.max(object.size(), 0);
        if (!Sha256.isOid(object.oid())) {
            return Optional.of(ObjectResult.failed(String.valueOf(object.oid()), size, 422,
                    "'" + object.oid() + "' is not a sha256 object id: use 64 lowercase hex digits."));
        }
        if (object.size() == null || object.size() < 0) {
            return Optional.of(ObjectResult.failed(object.oid(), size, 422, "Object " + object.oid()
                    + " needs a size of 0 or more bytes."));
        }
        long max = config.repos().limits().maxObjectBytes();
        if (object.size() > max) {
            return Optional.of(ObjectResult.failed(object.oid(), size, 422, "Object " + object.oid() + " has "
                    + object.size() + " bytes, over the limit stoa.repos.limits.max-object-bytes = " + max
                    + " bytes. Split the file, or ask the administrator to raise the limit."));
        }
        return Optional.empty();
    }

    private ObjectResult upload(RepoView repo, Caller caller, ObjectSpec object, boolean multipartOffered) {
        String oid = object.oid();
        long size = object.size();
        Optional<BlobInfo> existing = blobs.find(oid);
        // A hash alone proves nothing: only callers who may already use the blob skip the upload.
        if (existing.isPresent() && existing.get().size() == size && references.mayUse(Optional.of(caller), oid)) {
            references.touch(oid);
            return ObjectResult.present(oid, size);
        }
        boolean multipart = multipartOffered && uploads.wantsMultipart(size);
        UploadSession session = uploads.start(caller.accountId(), repo.id(), oid, size, multipart);
        Duration validity = uploads.linkExpiry(session);
        String base = "/api/lfs/uploads/" + session.id();
        Action upload;
        if (multipart) {
            Map<String, String> header = new LinkedHashMap<>();
            header.put("chunk_size", Long.toString(session.partSize()));
            for (int part = 1; part <= session.partCount(); part++) {
                int number = part;
                URI url = uploads.presignPart(session, part)
                        .orElseGet(() -> signer.sign("PUT", base + "/parts/" + number, validity));
                header.put(Integer.toString(part), url.toString());
            }
            upload = new Action(signer.sign("POST", base + "/complete", validity).toString(), header, validity.toSeconds());
        } else {
            URI url = uploads.presignPut(session).orElseGet(() -> signer.sign("PUT", base, validity));
            upload = new Action(url.toString(), null, validity.toSeconds());
        }
        Action verify = new Action(signer.sign("POST", base + "/verify", validity).toString(), null, validity.toSeconds());
        Map<String, Action> actions = new LinkedHashMap<>();
        actions.put("upload", upload);
        actions.put("verify", verify);
        return new ObjectResult(oid, size, true, actions, null);
    }

    private ObjectResult download(RepoView repo, Optional<Caller> caller, ObjectSpec object) {
        String oid = object.oid();
        Optional<BlobInfo> blob = blobs.find(oid);
        if (blob.isEmpty() || !references.mayDownloadThrough(repo.id(), caller, oid)) {
            return ObjectResult.failed(oid, object.size(), 404, "Object " + oid + " does not exist in " + repo.repoId()
                    + ": push it first.");
        }
        Optional<String> quarantined = access.quarantineOfObject(repo, oid).map(q -> q.refusal().getMessage());
        if (quarantined.isPresent()) {
            return ObjectResult.failed(oid, object.size(), 403, quarantined.get());
        }
        Duration validity = config.lfs().downloadExpiry();
        URI url = blobs.presignGet(oid, validity)
                .orElseGet(() -> signer.sign("GET", "/api/lfs/objects/" + oid, validity));
        gatedDownloads.downloaded(repo, caller, "oid:" + oid);
        return new ObjectResult(oid, blob.get().size(), true,
                Map.of("download", new Action(url.toString(), null, validity.toSeconds())), null);
    }
}
