package org.darkfigure.estimate;

/** Whether an estimate can be trusted, and if not, why. Only OK is a number to quote without a warning. */
public enum EstimateStatus {
    /** Fitted and usable; warnings may still qualify it. */
    OK,
    /**
     * The design breaks the method ({@link DesignCheck}): one list, no or too little overlap, one list drawn
     * from another, or an interval without width. Only the observed count is published, with the reason.
     */
    NOT_ESTIMABLE,
    /** Two lists with no one on both: the Lincoln–Petersen estimate is infinite; Chapman's is a poor bound. */
    NO_OVERLAP,
    /** The maximum-likelihood estimate does not exist for this table (a zero cell drives a parameter to infinity). */
    MLE_DOES_NOT_EXIST,
    /** The model has more parameters than the table can identify. */
    NOT_IDENTIFIABLE,
    /** Too few people or lists for any estimate. */
    TOO_SPARSE,
    /** The model gives a total below the observed count (possible for Mb and Mbh): not an estimate. */
    IMPLAUSIBLE,
    /** The fitting algorithm did not converge. */
    DID_NOT_CONVERGE
}
