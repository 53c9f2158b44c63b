//! Writing the config file: accounts added and removed by `gennaker config account`, with the
//! rest of the file (comments, order, other tables) kept as the user wrote it.
//!
//! The file may hold secrets, so it is always written with mode 0600, atomically (a temporary
//! file in the same directory, fsynced, then renamed over the old one).

use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;
use toml_edit::{DocumentMut, Item};

use crate::exit_status::{ExitStatus, StatusError};
use crate::settings::accounts::AccountConfig;

/// Adds or replaces `[accounts.NAME]`.
pub(crate) fn save_account(path: &Path, name: &str, account: &AccountConfig) -> anyhow::Result<()> {
    let mut document = read_document(path)?;
    let table = toml_edit::ser::to_document(account)
        .context("cannot write the account as TOML")?
        .as_table()
        .clone();
    let accounts = document
        .entry("accounts")
        .or_insert_with(|| {
            let mut table = toml_edit::Table::new();
            table.set_implicit(true);
            Item::Table(table)
        })
        .as_table_mut()
        .ok_or_else(|| invalid(path, "`accounts` is not a table"))?;
    accounts.insert(name, Item::Table(table));
    write_private(path, &document.to_string())
}

/// Removes `[accounts.NAME]`; false when there was none.
pub(crate) fn remove_account(path: &Path, name: &str) -> anyhow::Result<bool> {
    let mut document = read_document(path)?;
    let removed = document
        .get_mut("accounts")
        .and_then(Item::as_table_mut)
        .and_then(|accounts| accounts.remove(name))
        .is_some();
    if removed {
        write_private(path, &document.to_string())?;
    }
    Ok(removed)
}

fn invalid(path: &Path, what: &str) -> anyhow::Error {
    StatusError::new(
        ExitStatus::InvalidInput,
        format!("invalid config file `{}`: {what}", path.display()),
    )
    .into()
}

fn read_document(path: &Path) -> anyhow::Result<DocumentMut> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => {
            return Err(StatusError::new(
                ExitStatus::InvalidInput,
                format!("cannot read config file `{}`: {error}", path.display()),
            )
            .into());
        }
    };
    text.parse::<DocumentMut>()
        .map_err(|error| invalid(path, error.to_string().trim_end()))
}

/// Writes `text` to `path` with mode 0600, atomically.
pub(crate) fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    let directory = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(directory)?;
    let temporary = directory.join(format!(
        ".{}.{}.tmp",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("config"),
        std::process::id()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(&temporary)
        .with_context(|| format!("cannot write `{}`", temporary.display()))?;
    #[cfg(unix)]
    {
        // The mode given at creation is masked by the umask, and an old file keeps its own.
        use std::os::unix::fs::PermissionsExt as _;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temporary, path)
        .with_context(|| format!("cannot replace `{}`", path.display()))?;
    Ok(())
}

fn create_private_dir(directory: &Path) -> anyhow::Result<()> {
    if directory.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(directory)
        .with_context(|| format!("cannot create `{}`", directory.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::accounts::{DcosAccountConfig, Redacted};

    #[test]
    fn accounts_are_added_and_removed_keeping_the_rest_of_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gennaker/config.toml");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "# my settings\n[judgments]\nroles = [\"ops\"]\n").unwrap();
        let account = AccountConfig::Dcos(DcosAccountConfig {
            regions: [("us-east-1".to_owned(), "https://east".to_owned())].into(),
            uid: Some("deployer".to_owned()),
            password: Some(Redacted("hunter2".to_owned())),
            ..DcosAccountConfig::default()
        });
        save_account(&path, "prod", &account).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# my settings\n[judgments]"), "{text}");
        let parsed: crate::settings::ConfigFile = toml::from_str(&text).unwrap();
        assert_eq!(parsed.accounts["prod"], account);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(remove_account(&path, "prod").unwrap());
        assert!(!remove_account(&path, "prod").unwrap());
        let parsed: crate::settings::ConfigFile =
            toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(parsed.accounts.is_empty());
        assert_eq!(parsed.judgments.roles, ["ops"]);
    }
}
