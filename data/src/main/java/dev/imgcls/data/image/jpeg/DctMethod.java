package dev.imgcls.data.image.jpeg;

/** The inverse DCT, as libjpeg-turbo implements it and TF's {@code DecodeJpeg(dct_method=...)} selects it. */
public enum DctMethod {
    /** libjpeg's {@code JDCT_IFAST} (jidctfst): what TF's {@code DecodeJpeg} uses by default (dct_method ""). */
    INTEGER_FAST,
    /** libjpeg's {@code JDCT_ISLOW} (jidctint): TF's "INTEGER_ACCURATE", libjpeg's own default. */
    INTEGER_ACCURATE
}
