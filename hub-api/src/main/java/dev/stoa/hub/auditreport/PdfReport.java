package dev.stoa.hub.auditreport;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** The audit report's HTML document printed to PDF (openhtmltopdf), written straight to the response. */
final class PdfReport {

    private PdfReport() {
    }

    static void write(String html, OutputStream out) {
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withProducer("Stoa");
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
