package dev.stoa.plugins.licensepolicy;

import java.util.Objects;

/**
 * What a license allows and demands, as far as derived models are concerned.
 *
 * @param id                     the license id Stoa reports: an SPDX identifier ({@code Apache-2.0}), a Hub model
 *                               license id ({@code llama3.1}), or the card's {@code license_name} for {@code other}
 * @param name                   a human-readable name
 * @param spdx                   whether {@link #id} is on the SPDX license list
 * @param commercialUse          whether the license allows commercial use
 * @param family                 licenses of one family (all Llama community licenses are {@code llama}); derivatives
 *                               of a {@link #derivativesKeepLicense} license must stay in it
 * @param derivativesKeepLicense whether derivatives must be distributed under this same license (Llama, Gemma)
 * @param useRestrictions        whether the license carries use restrictions that derivatives must pass on (RAIL)
 * @param shareAlike             whether adaptations must use the same license family (CC BY-SA, GPL)
 * @param noDerivatives          whether sharing adaptations is forbidden altogether (CC BY-ND)
 * @param attribution            the notice derivatives must display (e.g. {@code Built with Llama}), or {@code null}
 * @param namePrefix             what a derivative's name must start with (e.g. {@code Llama}), or {@code null}
 */
public record LicenseTerms(String id, String name, boolean spdx, CommercialUse commercialUse, String family,
                           boolean derivativesKeepLicense, boolean useRestrictions, boolean shareAlike,
                           boolean noDerivatives, String attribution, String namePrefix) {

    /** Whether a license allows commercial use. */
    public enum CommercialUse {
        ALLOWED,
        /** Allowed under conditions, e.g. Llama's limit on monthly active users. */
        CONDITIONAL,
        NOT_ALLOWED,
        /** A custom license Stoa cannot read. */
        UNKNOWN
    }

    public LicenseTerms {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(commercialUse, "commercialUse");
        family = family == null ? id : family;
    }

    /** Terms of a custom license ({@code license: other}) that Stoa cannot interpret. */
    public static LicenseTerms custom(String id) {
        return new LicenseTerms(id, id, false, CommercialUse.UNKNOWN, id, false, false, false, false, null, null);
    }

    /** Whether Stoa knows what this license allows (an SPDX or catalogued license). */
    public boolean isKnown() {
        return commercialUse != CommercialUse.UNKNOWN;
    }

    /** Whether the license forbids commercial use. */
    public boolean nonCommercial() {
        return commercialUse == CommercialUse.NOT_ALLOWED;
    }
}
