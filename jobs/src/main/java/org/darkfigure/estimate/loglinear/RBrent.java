package org.darkfigure.estimate.loglinear;

import java.util.function.DoubleUnaryOperator;

/**
 * R's one-dimensional solvers, ported literally so that profile-likelihood bounds agree with
 * Rcapture's to ~1e-10 rather than to the 1e-4 tolerance: {@code Brent_fmin} (R's optimize) and
 * {@code R_zeroin2} (R's uniroot), from R's src/library/stats/src/optimize.c and zeroin.c.
 */
final class RBrent {

    private static final double DBL_EPSILON = Math.ulp(1.0);

    private RBrent() {
    }

    /** The minimiser of f on [ax, bx] (R's Brent_fmin). */
    static double fmin(double ax, double bx, DoubleUnaryOperator f, double tol) {
        final double c = (3. - Math.sqrt(5.)) * .5;
        double eps = Math.sqrt(DBL_EPSILON);
        double a = ax;
        double b = bx;
        double v = a + c * (b - a);
        double w = v;
        double x = v;
        double d = 0.;
        double e = 0.;
        double fx = f.applyAsDouble(x);
        double fv = fx;
        double fw = fx;
        double tol3 = tol / 3.;
        for (;;) {
            double xm = (a + b) * .5;
            double tol1 = eps * Math.abs(x) + tol3;
            double t2 = tol1 * 2.;
            if (Math.abs(x - xm) <= t2 - (b - a) * .5) {
                break;
            }
            double p = 0.;
            double q = 0.;
            double r = 0.;
            if (Math.abs(e) > tol1) {
                r = (x - w) * (fx - fv);
                q = (x - v) * (fx - fw);
                p = (x - v) * q - (x - w) * r;
                q = (q - r) * 2.;
                if (q > 0.) {
                    p = -p;
                } else {
                    q = -q;
                }
                r = e;
                e = d;
            }
            double u;
            if (Math.abs(p) >= Math.abs(q * .5 * r) || p <= q * (a - x) || p >= q * (b - x)) {
                e = x < xm ? b - x : a - x;
                d = c * e;
            } else {
                d = p / q;
                u = x + d;
                if (u - a < t2 || b - u < t2) {
                    d = tol1;
                    if (x >= xm) {
                        d = -d;
                    }
                }
            }
            if (Math.abs(d) >= tol1) {
                u = x + d;
            } else if (d > 0.) {
                u = x + tol1;
            } else {
                u = x - tol1;
            }
            double fu = f.applyAsDouble(u);
            if (fu <= fx) {
                if (u < x) {
                    b = x;
                } else {
                    a = x;
                }
                v = w;
                w = x;
                x = u;
                fv = fw;
                fw = fx;
                fx = fu;
            } else {
                if (u < x) {
                    a = u;
                } else {
                    b = u;
                }
                if (fu <= fw || w == x) {
                    v = w;
                    fv = fw;
                    w = u;
                    fw = fu;
                } else if (fu <= fv || v == x || v == w) {
                    v = u;
                    fv = fu;
                }
            }
        }
        return x;
    }

    /** A root of f in [ax, bx] where f(ax) = fa and f(bx) = fb have opposite signs (R's R_zeroin2). */
    static double zeroin(double ax, double bx, double fa, double fb, DoubleUnaryOperator f, double tol, int maxIterations) {
        double a = ax;
        double b = bx;
        double c = a;
        double fc = fa;
        int maxit = maxIterations + 1;
        if (fa == 0.0) {
            return a;
        }
        if (fb == 0.0) {
            return b;
        }
        while (maxit-- > 0) {
            double prevStep = b - a;
            if (Math.abs(fc) < Math.abs(fb)) {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }
            double tolAct = 2 * DBL_EPSILON * Math.abs(b) + tol / 2;
            double newStep = (c - b) / 2;
            if (Math.abs(newStep) <= tolAct || fb == 0.0) {
                return b;
            }
            if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
                double t1;
                double cb = c - b;
                double p;
                double q;
                if (a == c) {
                    t1 = fb / fa;
                    p = cb * t1;
                    q = 1.0 - t1;
                } else {
                    q = fa / fc;
                    t1 = fb / fc;
                    double t2 = fb / fa;
                    p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
                    q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
                }
                if (p > 0.0) {
                    q = -q;
                } else {
                    p = -p;
                }
                if (p < (0.75 * cb * q - Math.abs(tolAct * q) / 2) && p < Math.abs(prevStep * q / 2)) {
                    newStep = p / q;
                }
            }
            if (Math.abs(newStep) < tolAct) {
                newStep = newStep > 0 ? tolAct : -tolAct;
            }
            a = b;
            fa = fb;
            b += newStep;
            fb = f.applyAsDouble(b);
            if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
                c = a;
                fc = fa;
            }
        }
        return b;
    }
}
