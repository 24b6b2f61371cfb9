package dev.imgcls.train.faults;

/**
 * Small or full suite. {@code mvn -B verify} runs the small one (two crashes at fault points and
 * two seeded random kills of one job, one of each other probe) to stay well under two minutes on two cores; {@code -Pfaults} sets
 * {@value #FULL_PROPERTY}{@code =true}: at least {@value #FULL_KILLS} random kills and a crash
 * and a full-disk failure at every point a job passes through.
 */
record SuiteSettings(boolean full, long seed, int randomKills) {
    static final String FULL_PROPERTY = "imgcls.faults.full";
    static final String SEED_PROPERTY = "imgcls.faults.seed";
    static final String KILLS_PROPERTY = "imgcls.faults.kills";
    static final int SMALL_KILLS = 2;
    static final int FULL_KILLS = 50;

    static SuiteSettings fromSystemProperties() {
        boolean full = Boolean.getBoolean(FULL_PROPERTY);
        long seed = Long.getLong(SEED_PROPERTY, 20261207L);
        int kills = Integer.getInteger(KILLS_PROPERTY, full ? FULL_KILLS : SMALL_KILLS);
        return new SuiteSettings(full, seed, kills);
    }

    String describe() {
        return (full ? "full" : "small") + " fault-injection suite, seed " + seed + " (-D" + SEED_PROPERTY + "), "
                + randomKills + " random kills";
    }
}
