//! [`PipelineCatalog`]: the pipelines a run can reach besides its own — for the `pipeline`
//! stage and for `#pipelineId(…)`: every pipeline in the same file, in the other JSON files of
//! the same directory, and in `--pipelines-dir`.

use std::path::{Path, PathBuf};

use crate::pipeline::load;
use crate::pipeline::model::Pipeline;

/// A pipeline found in a catalog, with the file it came from.
#[derive(Debug, Clone)]
pub(crate) struct FoundPipeline {
    /// The file.
    pub(crate) file: PathBuf,
    /// The pipeline.
    pub(crate) pipeline: Pipeline,
}

/// Where child pipelines are looked for, in order.
#[derive(Debug, Clone)]
pub(crate) struct PipelineCatalog {
    /// The file of the running pipeline; relative paths are resolved from its directory.
    origin: PathBuf,
    /// Extra directories (`--pipelines-dir`).
    directories: Vec<PathBuf>,
}

impl PipelineCatalog {
    /// A catalog around the pipeline file `origin`, with extra directories.
    pub(crate) fn new(origin: &Path, directories: Vec<PathBuf>) -> Self {
        Self {
            origin: origin.to_owned(),
            directories,
        }
    }

    fn origin_dir(&self) -> PathBuf {
        // `run hello.json` has the parent "", which names no directory to read.
        self.origin
            .parent()
            .filter(|parent| !parent.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }

    /// Every JSON file searched, the origin first.
    fn files(&self) -> Vec<PathBuf> {
        let mut files = vec![self.origin.clone()];
        for dir in std::iter::once(self.origin_dir()).chain(self.directories.iter().cloned()) {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
                .collect();
            found.sort();
            for path in found {
                if !files.iter().any(|known| same_file(known, &path)) {
                    files.push(path);
                }
            }
        }
        files
    }

    /// Every pipeline the catalog can reach (files that are not pipelines are passed over).
    pub(crate) fn all(&self) -> Vec<FoundPipeline> {
        self.files()
            .into_iter()
            .filter_map(|file| {
                let loaded = load::read(&file).ok()?;
                let pipelines = loaded.pipelines().ok()?;
                Some(pipelines.into_iter().map(move |pipeline| FoundPipeline {
                    file: file.clone(),
                    pipeline,
                }))
            })
            .flatten()
            .collect()
    }

    /// The pipeline `reference` names: a path to a file holding one pipeline, or the id or name
    /// of a pipeline in the catalog (of `application`, when given and the pipeline has one).
    pub(crate) fn find(
        &self,
        reference: &str,
        application: Option<&str>,
    ) -> Result<FoundPipeline, String> {
        let path = self.origin_dir().join(reference);
        let is_json = Path::new(reference)
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
        if is_json && path.is_file() {
            let loaded = load::read(&path).map_err(|error| error.to_string())?;
            let pipeline = loaded
                .select(&load::Selector::default())
                .map_err(|error| error.to_string())?;
            return Ok(FoundPipeline {
                file: path,
                pipeline,
            });
        }
        let all = self.all();
        let in_application = |found: &&FoundPipeline| {
            application
                .is_none_or(|wanted| found.pipeline.application().is_none_or(|app| app == wanted))
        };
        let by_id = all
            .iter()
            .filter(in_application)
            .find(|found| found.pipeline.id() == Some(reference));
        let by_name = || {
            all.iter()
                .filter(in_application)
                .find(|found| found.pipeline.name() == Some(reference))
        };
        if let Some(found) = by_id.or_else(by_name) {
            Ok(found.clone())
        } else {
            {
                let names: Vec<String> = all
                    .iter()
                    .filter_map(|found| found.pipeline.name().map(|name| format!("`{name}`")))
                    .collect();
                Err(format!(
                    "no pipeline `{reference}` among the pipelines gennaker can see ({})",
                    if names.is_empty() {
                        "none".to_owned()
                    } else {
                        names.join(", ")
                    }
                ))
            }
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
