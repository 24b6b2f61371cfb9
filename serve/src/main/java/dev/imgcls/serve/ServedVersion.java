package dev.imgcls.serve;

/** The model being served and its version number as the status endpoint shows it; replaced as a whole on reload. */
record ServedVersion(Predictor predictor, String version) {
}
