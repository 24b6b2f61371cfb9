package dev.imgcls.data.image;

/** The encodings we decode, recognised by their leading magic bytes (never by a file extension). */
public enum ImageFormat {
    JPEG, PNG, GIF, BMP;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** The format whose signature starts {@code data}; throws {@link ImageDecodeException} if none does. */
    public static ImageFormat detect(byte[] data) {
        if (data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
            return JPEG;
        }
        if (startsWith(data, PNG_SIGNATURE)) {
            return PNG;
        }
        if (data.length >= 6 && data[0] == 'G' && data[1] == 'I' && data[2] == 'F' && data[3] == '8'
                && (data[4] == '7' || data[4] == '9') && data[5] == 'a') {
            return GIF;
        }
        if (data.length >= 2 && data[0] == 'B' && data[1] == 'M') {
            return BMP;
        }
        throw new ImageDecodeException("unrecognised image format (" + data.length + " bytes, starting "
                + leadingHex(data) + "); supported: JPEG, PNG, GIF, BMP");
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String leadingHex(byte[] data) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(8, data.length); i++) {
            sb.append(String.format("%02x", data[i] & 0xFF));
        }
        return data.length == 0 ? "<empty>" : sb.toString();
    }
}
