package org.darkfigure.standard;

/** A submission manifest attribute that a column's every value must equal. */
public enum ManifestAttribute {
    COUNTRY, SOURCE
}
