package dev.imgcls.tune.spec;

/** The {@code algorithm} field of AI Platform's hyperparameter spec. */
public enum SearchAlgorithm {
    /** The service's default (ALGORITHM_UNSPECIFIED): here a Gaussian-process bandit. */
    BAYESIAN_OPTIMIZATION,
    GRID_SEARCH,
    RANDOM_SEARCH
}
