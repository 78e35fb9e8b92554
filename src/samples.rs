//! The sample issues in sample-issues/, built into the binary so that a
//! bare `epaper` has something to open from any directory.

/// A bundled issue file.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// The file's name in sample-issues/, shown where a path would be.
    pub name: &'static str,
    pub bytes: &'static [u8],
}

pub const SAMPLES: &[Sample] = &[
    Sample {
        name: "epaper-guide.json",
        bytes: include_bytes!("../sample-issues/epaper-guide.json"),
    },
    Sample {
        name: "nmgrb-2021-11-05.json",
        bytes: include_bytes!("../sample-issues/nmgrb-2021-11-05.json"),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_loads_without_warnings() {
        for sample in SAMPLES {
            let loaded = crate::model::load(sample.bytes)
                .unwrap_or_else(|error| panic!("{}: {error}", sample.name));
            assert!(
                loaded.warnings.is_empty(),
                "{}: {:?}",
                sample.name,
                loaded.warnings
            );
        }
    }
}
