/**
 * The study spec: AI Platform's {@code trainingInput.hyperparameters} block read from YAML or JSON
 * ({@link dev.imgcls.tune.spec.StudySpecParser}), checked against the service's rules and the tunable
 * arguments of the image classification trainer ({@link dev.imgcls.tune.spec.TunableArguments}).
 */
package dev.imgcls.tune.spec;
