package dev.imgcls.data.convert;

import java.io.IOException;

/** Input the converter cannot use (an unreadable image, a bad CSV line, an empty class folder), said plainly. */
public class ConversionException extends IOException {

    public ConversionException(String message) {
        super(message);
    }

    public ConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
