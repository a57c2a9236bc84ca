package dev.stoa.plugins.licensepolicy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** License texts as repositories carry them in LICENSE files. */
final class LicenseTexts {

    static final String MIT = """
            MIT License

            Copyright (c) 2025 Acme Research

            Permission is hereby granted, free of charge, to any person obtaining a copy
            of this software and associated documentation files (the "Software"), to deal
            in the Software without restriction, including without limitation the rights
            to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
            copies of the Software, and to permit persons to whom the Software is
            furnished to do so, subject to the following conditions:

            The above copyright notice and this permission notice shall be included in all
            copies or substantial portions of the Software.

            THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
            IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
            FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
            AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
            LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
            OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
            SOFTWARE.
            """;

    /** The Apache License 2.0 terms without the appendix on how to apply them, as most LICENSE files carry it. */
    static final String APACHE_2 = apacheTermsOnly();

    static final String LLAMA_3_1_HEAD = """
            LLAMA 3.1 COMMUNITY LICENSE AGREEMENT
            Llama 3.1 Version Release Date: July 23, 2024

            "Agreement" means the terms and conditions for use, reproduction, distribution and modification of the
            Llama Materials set forth herein.
            """;

    private LicenseTexts() {
    }

    private static String apacheTermsOnly() {
        try (InputStream in = LicenseTexts.class.getResourceAsStream("/licenses/Apache-2.0.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = text.indexOf("END OF TERMS AND CONDITIONS");
            return text.substring(0, end + "END OF TERMS AND CONDITIONS".length()) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
