package dev.stoa.hub.lfs;

import dev.stoa.hub.access.SignedUrls;
import dev.stoa.hub.blob.BlobInfo;
import dev.stoa.hub.blob.BlobUploads;
import dev.stoa.hub.blob.Blobs;
import dev.stoa.hub.blob.UploadSession;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.files.ByteRange;
import dev.stoa.hub.storage.UploadedPart;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The transfer links the LFS batch API hands out when the object store cannot sign URLs itself (and, on
 * every store, the multipart completion and verify links). Each link authorises itself with a signature
 * ({@link SignedUrls}); clients send no credentials with them. Bodies are streamed, never held in memory.
 */
@Path("/api/lfs")
public class LfsTransferResource {

    private static final String BASE = "/api/lfs";

    private final SignedUrls signer;
    private final BlobUploads uploads;
    private final Blobs blobs;
    private final LfsRoutes routes;

    LfsTransferResource(SignedUrls signer, BlobUploads uploads, Blobs blobs, LfsRoutes routes) {
        this.signer = signer;
        this.uploads = uploads;
        this.blobs = blobs;
        this.routes = routes;
    }

    /** A single-request upload (basic transfer): streamed into the store while its sha256 is computed. */
    @PUT
    @Path("/uploads/{id}")
    public Response upload(@PathParam("id") String id, @QueryParam("expires") String expires,
                           @QueryParam("signature") String signature, InputStream body) {
        signer.check("PUT", BASE + "/uploads/" + id, expires, signature);
        uploads.receive(session(id), body);
        return Response.ok().build();
    }

    /** One part of a multipart upload; its ETag comes back in the {@code ETag} header. */
    @PUT
    @Path("/uploads/{id}/parts/{part}")
    public Response uploadPart(@PathParam("id") String id, @PathParam("part") String part,
                               @QueryParam("expires") String expires, @QueryParam("signature") String signature,
                               InputStream body) {
        signer.check("PUT", BASE + "/uploads/" + id + "/parts/" + part, expires, signature);
        int number;
        try {
            number = Integer.parseInt(part);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + part + "' is not a part number.");
        }
        String etag = uploads.uploadPart(session(id), number, body);
        return Response.ok().header("ETag", "\"" + etag + "\"").build();
    }

    /** Completes a multipart upload with the client's {@code {oid, parts:[{partNumber, etag}]}}, then verifies it. */
    @POST
    @Path("/uploads/{id}/complete")
    public Response complete(@PathParam("id") String id, @QueryParam("expires") String expires,
                             @QueryParam("signature") String signature, InputStream body) throws IOException {
        signer.check("POST", BASE + "/uploads/" + id + "/complete", expires, signature);
        UploadSession session = session(id);
        LfsJson.Completion completion = routes.read(body, LfsJson.Completion.class);
        requireSameOid(session, completion.oid());
        if (completion.parts() == null || completion.parts().isEmpty()) {
            throw ApiException.badRequest("List the uploaded parts: {\"oid\": ..., \"parts\": [{\"partNumber\": 1, \"etag\": ...}, ...]}.");
        }
        List<UploadedPart> parts = completion.parts().stream().map(p -> {
            if (p.partNumber() == null || p.etag() == null || p.partNumber() < 1 || p.partNumber() > session.partCount()) {
                throw ApiException.badRequest("Each part needs a partNumber from 1 to " + session.partCount()
                        + " and the etag its PUT returned.");
            }
            return new UploadedPart(p.partNumber(), p.etag());
        }).toList();
        return verified(uploads.completeParts(session, parts));
    }

    /** Verifies the uploaded bytes (sha256 and size) and registers the blob; safe to repeat. */
    @POST
    @Path("/uploads/{id}/verify")
    public Response verify(@PathParam("id") String id, @QueryParam("expires") String expires,
                           @QueryParam("signature") String signature, InputStream body) throws IOException {
        signer.check("POST", BASE + "/uploads/" + id + "/verify", expires, signature);
        UploadSession session = session(id);
        byte[] peek = body.readNBytes(1);
        if (peek.length > 0) {
            LfsJson.Verify request = routes.read(new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(peek), body),
                    LfsJson.Verify.class);
            requireSameOid(session, request.oid());
            if (request.size() != null && request.size() != session.size()) {
                throw new ApiException(422, "SizeMismatch", "This upload is of " + session.size()
                        + " bytes, not " + request.size() + ".");
            }
        }
        return verified(uploads.verify(session));
    }

    /** A download link for stores that cannot sign: streams the blob, honouring {@code Range}. */
    @GET
    @Path("/objects/{oid}")
    public Response download(@PathParam("oid") String oid, @QueryParam("expires") String expires,
                             @QueryParam("signature") String signature, @HeaderParam("Range") String range) {
        signer.check("GET", BASE + "/objects/" + oid, expires, signature);
        BlobInfo blob = blobs.find(oid).orElseThrow(() -> ApiException.notFound("ObjectNotFound",
                "Object " + oid + " is no longer stored. Ask the LFS batch API again."));
        ByteRange bytes = ByteRange.of(range, blob.size());
        if (bytes.kind() == ByteRange.Kind.UNSATISFIABLE) {
            throw new ApiException(416, "RangeNotSatisfiable", "The range '" + range + "' lies outside the object's "
                    + blob.size() + " bytes; ask for bytes from 0 to " + (blob.size() - 1) + ".")
                    .withHeader("Content-Range", "bytes */" + blob.size());
        }
        boolean whole = bytes.kind() == ByteRange.Kind.WHOLE;
        StreamingOutput content = out -> {
            try (InputStream in = whole ? blobs.open(oid, 0, -1) : blobs.open(oid, bytes.start(), bytes.length())) {
                dev.stoa.hub.ops.Streams.copy(in, out);
            }
        };
        Response.ResponseBuilder response = Response.status(whole ? 200 : 206)
                .entity(content)
                .type("application/octet-stream")
                .header("Accept-Ranges", "bytes")
                .header("Content-Length", bytes.length());
        if (!whole) {
            response.header("Content-Range", bytes.contentRange(blob.size()));
        }
        return response.build();
    }

    private UploadSession session(String id) {
        try {
            return uploads.find(UUID.fromString(id)).orElseThrow(LfsTransferResource::unknownUpload);
        } catch (IllegalArgumentException e) {
            throw unknownUpload();
        }
    }

    private static ApiException unknownUpload() {
        return new ApiException(410, "UploadExpired",
                "This upload expired or was cleaned up. Ask the LFS batch API for a new upload and send the file again.");
    }

    private static void requireSameOid(UploadSession session, String oid) {
        if (oid != null && !oid.equals(session.sha256())) {
            throw new ApiException(422, "OidMismatch", "This link belongs to the upload of object " + session.sha256()
                    + ", not " + oid + ".");
        }
    }

    private Response verified(BlobInfo blob) {
        return routes.lfsJson(Map.of("oid", blob.sha256(), "size", blob.size()));
    }
}
