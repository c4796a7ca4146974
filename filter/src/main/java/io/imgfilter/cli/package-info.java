/** The filter jar's command line: {@link io.imgfilter.cli.SigningCli} signs and verifies image URLs. */
package io.imgfilter.cli;
