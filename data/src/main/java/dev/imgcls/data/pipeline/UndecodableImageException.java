package dev.imgcls.data.pipeline;

/**
 * Thrown by an {@link ExamplePreprocessor} when the encoded bytes are not an image it can decode.
 * It says what is wrong with the bytes; the pipeline adds where they came from (file, record), and
 * this is the one failure that the skip option may pass over.
 */
public class UndecodableImageException extends Exception {

    public UndecodableImageException(String message) {
        super(message);
    }

    public UndecodableImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
