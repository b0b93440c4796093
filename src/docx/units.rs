//! Unit conversions between the layout's points and millimetres and Word's twips,
//! half-points and eighths of a point. (Text widths are estimated in
//! `crate::layout`, once for both writers.)

/// Twips (1/20 pt) per millimetre: 1440 twips per inch, 25.4 mm per inch.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

/// Millimetres to twips, rounded to the nearest twip.
pub(crate) fn mm_to_twips(mm: f64) -> i32 {
    (mm * TWIPS_PER_MM).round() as i32
}

/// Points to the half-points of `w:sz`.
pub(crate) fn half_points(pt: f64) -> usize {
    (pt * 2.0).round().max(1.0) as usize
}

/// Points to the eighths of a point of border widths (`w:sz` of a border).
pub(crate) fn eighths(pt: f64) -> usize {
    (pt * 8.0).round().max(1.0) as usize
}

/// Points to twips.
pub(crate) fn pt_to_twips(pt: f64) -> f64 {
    pt * 20.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_margins_convert_to_known_twips() {
        assert_eq!(mm_to_twips(20.0), 1134);
        assert_eq!(mm_to_twips(30.0), 1701);
        assert_eq!(mm_to_twips(15.0), 850);
        assert_eq!(mm_to_twips(10.0), 567);
        assert_eq!(mm_to_twips(165.0), 9354);
    }
}
