//! Fidelity thresholds. The defaults follow IPS.md (the 2019 Supported Employment Fidelity
//! Review Manual); programs verify them and may change them in a settings file, so none is a
//! constant in code.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::items::ItemKey;

/// Which date counts as program entry for "rapid job search".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryBasis {
    Referral,
    #[default]
    FirstMeeting,
}

impl EntryBasis {
    /// Program entry from a person's dates: the one this basis names, or the other one when
    /// that is not recorded — a person referred 40 days ago and never met is still waiting.
    pub fn entry(
        self,
        referral: Option<NaiveDate>,
        first_meeting: Option<NaiveDate>,
    ) -> Option<NaiveDate> {
        match self {
            EntryBasis::Referral => referral.or(first_meeting),
            EntryBasis::FirstMeeting => first_meeting.or(referral),
        }
    }
}

/// Whether a larger measure is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

/// Turns a measure into the scale's 1–5 score: `bands[0]` is the bound for a 5, `bands[3]`
/// the bound for a 2; anything beyond scores 1. Bounds are inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bands {
    pub direction: Direction,
    pub bands: [f64; 4],
}

impl Bands {
    const fn higher(bands: [f64; 4]) -> Bands {
        Bands {
            direction: Direction::HigherIsBetter,
            bands,
        }
    }

    const fn lower(bands: [f64; 4]) -> Bands {
        Bands {
            direction: Direction::LowerIsBetter,
            bands,
        }
    }

    /// The 1–5 score of `measure` when the bounds are the scale points themselves (the
    /// frequent-employer-contact item: 6, 5, 4 and 2 contacts a week score 5, 4, 3 and 2):
    /// a measure between two points takes the closer one, a tie the lower score, and a
    /// measure beyond the last point scores 1. See `docs/adr/0005-reading-the-fidelity-scale.md`.
    pub fn closest_point(&self, measure: f64) -> u8 {
        // Higher is better after this turn, for both directions.
        let turn = |v: f64| match self.direction {
            Direction::HigherIsBetter => v,
            Direction::LowerIsBetter => -v,
        };
        let m = turn(measure);
        let points = self.bands.map(turn);
        if m >= points[0] {
            return 5;
        }
        for i in 0..3 {
            let (upper, lower) = (points[i], points[i + 1]);
            if m >= lower {
                let score = 5 - i as u8;
                return if upper - m < m - lower {
                    score
                } else {
                    score - 1
                };
            }
        }
        1
    }

    /// The 1–5 score of `measure`.
    pub fn score(&self, measure: f64) -> u8 {
        let passes = |bound: f64| match self.direction {
            Direction::HigherIsBetter => measure >= bound,
            Direction::LowerIsBetter => measure <= bound,
        };
        match self.bands.iter().position(|b| passes(*b)) {
            Some(i) => 5 - i as u8,
            None => 1,
        }
    }
}

/// Every threshold the fidelity computation uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FidelitySettings {
    /// Program entry for rapid job search: referral or first meeting.
    pub entry_basis: EntryBasis,
    /// Active job seekers per full-time specialist: ≤20 · 21–25 · 26–30 · 31–40 · ≥41.
    pub caseload_size: Bands,
    /// Mean days from entry to first face-to-face employer contact: ≤30 · 31–60 · 61–150 ·
    /// 151–270 · ≥271.
    pub rapid_job_search: Bands,
    /// Face-to-face employer contacts per specialist per week: the scale points 6 · 5 · 4 ·
    /// 2 score 5 · 4 · 3 · 2, fewer than the last scores 1; a mean between two points takes
    /// the closest ([`Bands::closest_point`]).
    pub employer_contacts: Bands,
    /// % of employer contacts that followed the job seekers' preferences.
    pub individualized_search: Bands,
    /// % of jobs of different types.
    pub job_type_diversity: Bands,
    /// % of jobs at different employers.
    pub employer_diversity: Bands,
    /// % of current jobs (held on the period's last day by people on the caseload) that are
    /// competitive.
    pub competitive_jobs: Bands,
    /// Fewer current jobs than this scores 1 on "competitive jobs".
    pub competitive_min_jobs: u32,
    /// % of follow-along support requirements met (see `supports`).
    pub time_unlimited_supports: Bands,
    /// % of contacts made in the community (face to face).
    pub community_based: Bands,
    /// The weekly face-to-face goal shown to specialists.
    pub weekly_contact_goal: u32,
    /// Days from entry by which the first employer contact is due.
    pub first_contact_days: u32,
}

impl FidelitySettings {
    /// Whether these settings score `key` as `other` does: the same bands (and, for
    /// competitive jobs, the same minimum of current jobs).
    pub fn scores_like(&self, other: &FidelitySettings, key: ItemKey) -> bool {
        let bands = |s: &FidelitySettings| match key {
            ItemKey::CaseloadSize => s.caseload_size,
            ItemKey::RapidJobSearch => s.rapid_job_search,
            ItemKey::EmployerContacts => s.employer_contacts,
            ItemKey::IndividualizedSearch => s.individualized_search,
            ItemKey::JobTypeDiversity => s.job_type_diversity,
            ItemKey::EmployerDiversity => s.employer_diversity,
            ItemKey::CompetitiveJobs => s.competitive_jobs,
            ItemKey::TimeUnlimitedSupports => s.time_unlimited_supports,
            ItemKey::CommunityBased => s.community_based,
        };
        bands(self) == bands(other)
            && (key != ItemKey::CompetitiveJobs
                || self.competitive_min_jobs == other.competitive_min_jobs)
    }
}

impl Default for FidelitySettings {
    fn default() -> Self {
        FidelitySettings {
            entry_basis: EntryBasis::FirstMeeting,
            caseload_size: Bands::lower([20.0, 25.0, 30.0, 40.0]),
            rapid_job_search: Bands::lower([30.0, 60.0, 150.0, 270.0]),
            employer_contacts: Bands::higher([6.0, 5.0, 4.0, 2.0]),
            individualized_search: Bands::higher([90.0, 75.0, 50.0, 25.0]),
            job_type_diversity: Bands::higher([85.0, 70.0, 60.0, 50.0]),
            employer_diversity: Bands::higher([85.0, 70.0, 60.0, 50.0]),
            competitive_jobs: Bands::higher([95.0, 84.0, 74.0, 64.0]),
            competitive_min_jobs: 10,
            time_unlimited_supports: Bands::higher([90.0, 75.0, 50.0, 25.0]),
            community_based: Bands::higher([65.0, 50.0, 40.0, 30.0]),
            weekly_contact_goal: 6,
            first_contact_days: 30,
        }
    }
}

impl FidelitySettings {
    /// Reads settings from TOML; keys not given keep their defaults.
    pub fn from_toml(text: &str) -> crate::Result<FidelitySettings> {
        toml::from_str(text).map_err(|e| crate::Error::malformed("fidelity settings", e))
    }

    /// The defaults as TOML, to start a settings file from.
    pub fn default_toml() -> String {
        toml::to_string_pretty(&FidelitySettings::default()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_score_both_ways() {
        let s = FidelitySettings::default();
        assert_eq!(s.caseload_size.score(20.0), 5);
        assert_eq!(s.caseload_size.score(20.5), 4);
        assert_eq!(s.caseload_size.score(41.0), 1);
        assert_eq!(s.employer_contacts.score(6.0), 5);
        assert_eq!(s.employer_contacts.score(5.99), 4);
        assert_eq!(s.employer_contacts.score(3.0), 2);
        assert_eq!(s.employer_contacts.score(1.9), 1);
    }

    #[test]
    fn employer_contacts_take_the_closest_scale_point() {
        let b = FidelitySettings::default().employer_contacts;
        let scores: Vec<u8> = [
            7.0, 6.0, 5.6, 5.5, 5.4, 5.0, 4.6, 4.4, 3.2, 3.0, 2.5, 2.0, 1.9,
        ]
        .into_iter()
        .map(|m| b.closest_point(m))
        .collect();
        // 5.5 and 3.0 sit halfway between two points: the lower score.
        assert_eq!(scores, vec![5, 5, 5, 4, 4, 4, 4, 3, 3, 2, 2, 2, 1]);
        // Flooring would have given 4 for 5.6 and 2 for 3.2.
        assert_eq!((b.score(5.6), b.score(3.2)), (4, 2));
        let lower = Bands::lower([20.0, 25.0, 30.0, 40.0]);
        assert_eq!(
            [19.0, 22.0, 23.0, 33.0, 41.0].map(|m| lower.closest_point(m)),
            [5, 5, 4, 3, 1]
        );
    }

    #[test]
    fn settings_file_overrides_some_keys() {
        let s = FidelitySettings::from_toml(
            "entry_basis = \"referral\"\n[rapid_job_search]\ndirection = \"lower_is_better\"\nbands = [20.0, 40.0, 100.0, 200.0]\n",
        )
        .unwrap();
        assert_eq!(s.entry_basis, EntryBasis::Referral);
        assert_eq!(s.rapid_job_search.score(25.0), 4);
        assert_eq!(s.caseload_size, FidelitySettings::default().caseload_size);
        let round = FidelitySettings::from_toml(&FidelitySettings::default_toml()).unwrap();
        assert_eq!(round, FidelitySettings::default());
        assert!(FidelitySettings::from_toml("entry_basis = 3").is_err());
    }
}
