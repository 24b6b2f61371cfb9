package dev.imgcls.data.image.jpeg;

/** How a JPEG's components are to be read, decided from its markers as libjpeg decides it. */
enum ColorSpace { GRAY, YCBCR, RGB, CMYK, YCCK }
