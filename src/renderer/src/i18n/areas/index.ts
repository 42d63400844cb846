/**
 * Strings of the console's other screens, one module per area, each with `en` and `cy`
 * objects of the same shape. Register a new area here (one import, two spreads).
 */
export const areasEn = {};
export const areasCy = {};
