/**
 * Image decoding to 8-bit RGB ({@link dev.imgcls.data.image.RgbImage}), matching TF's decoders with
 * {@code channels=3}: JPEG (our own decoder, bit-identical to TF's), PNG (all colour types and
 * depths, 16-bit reduced to the high byte, alpha dropped), GIF (first frame), BMP. Formats are
 * recognised by magic bytes; sizes are checked against {@link dev.imgcls.data.image.DecodeLimits}
 * before allocation; failures are {@link dev.imgcls.data.image.ImageDecodeException}s.
 */
package dev.imgcls.data.image;
