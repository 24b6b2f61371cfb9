package dev.imgcls.data.image;

/** What an image's header declares: its format and size (read without decoding the pixels). */
public record ImageHeader(ImageFormat format, int width, int height) {
}
