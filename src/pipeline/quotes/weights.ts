/** Learned by `scripts/quote-errors.ts train` (logistic regression); order of FEATURES in classify.ts. */
export const QUOTE_WEIGHTS: readonly number[] = [1.2886, -0.1921, -0.2301, -0.1222, 0.5250, 1.3079, -2.6376, 0.5068, 0.5540, 0.7511, 0.6856, 0.1941, -0.4511, -0.1088, -1.1810, 0.3165, 0.8650, -1.3744, -0.0318, 0.0507, 0.8818, -0.5115, -1.9380]
export const QUOTE_THRESHOLD = 0.34
