/** The training command line; filled by the trainer issue. */
package dev.imgcls.train;
