package dev.imgcls.tune.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** Writes a spec back as AI Platform's hyperparameters block (what {@link StudySpecParser} reads). */
public final class StudySpecJson {
    private StudySpecJson() {
    }

    public static JsonObject toJson(StudySpec spec) {
        JsonObject o = new JsonObject();
        o.addProperty("goal", spec.goal().name());
        o.addProperty("hyperparameterMetricTag", spec.metricTag());
        o.addProperty("maxTrials", spec.maxTrials());
        o.addProperty("maxParallelTrials", spec.maxParallelTrials());
        o.addProperty("maxFailedTrials", spec.maxFailedTrials());
        o.addProperty("enableTrialEarlyStopping", spec.earlyStopping());
        o.addProperty("algorithm", spec.algorithm() == SearchAlgorithm.BAYESIAN_OPTIMIZATION
                ? "ALGORITHM_UNSPECIFIED" : spec.algorithm().name());
        JsonArray params = new JsonArray();
        for (ParameterSpec p : spec.params()) {
            JsonObject j = new JsonObject();
            j.addProperty("parameterName", p.name());
            j.addProperty("type", p.type().name());
            switch (p.type()) {
                case DOUBLE, INTEGER -> {
                    j.addProperty("minValue", p.minValue());
                    j.addProperty("maxValue", p.maxValue());
                }
                case CATEGORICAL -> {
                    JsonArray values = new JsonArray();
                    p.categoricalValues().forEach(values::add);
                    j.add("categoricalValues", values);
                }
                case DISCRETE -> {
                    JsonArray values = new JsonArray();
                    p.discreteValues().forEach(values::add);
                    j.add("discreteValues", values);
                }
            }
            if (p.type() != ParameterType.CATEGORICAL && p.scaleType() != ScaleType.NONE) {
                j.addProperty("scaleType", p.scaleType().name());
            }
            params.add(j);
        }
        o.add("params", params);
        return o;
    }
}
