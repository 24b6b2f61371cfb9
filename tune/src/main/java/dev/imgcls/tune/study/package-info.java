/** A study's trials, their states and metric histories, and the atomically written study file. */
package dev.imgcls.tune.study;
