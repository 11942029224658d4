//! The JobContext on stdin (ABI.md §3), validated, and typed access to the configuration.

use crate::json::Value;
use crate::{Error, ABI_VERSION};

/// What to assess when the context names something other than the host the plugin runs on.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub id: String,
    pub kind: String,
    pub title: String,
    /// facts: names to strings, in document order.
    pub facts: Vec<(String, String)>,
}

impl Target {
    pub fn fact(&self, name: &str) -> Option<&str> {
        self.facts.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// The validated job context. Optional ids are "" when absent, as the runtime leaves them out.
#[derive(Clone, Debug, PartialEq)]
pub struct Context {
    pub abi_version: i64,
    pub run_id: String,
    pub job_id: String,
    pub task_id: String,
    pub activity_id: String,
    pub plan_id: String,
    pub component_id: String,
    pub control_id: String,
    /// `None`: the plugin assesses the host it runs on.
    pub target: Option<Target>,
    config: Value,
}

/// Why stdin is not a job context this plugin can accept (exit code 2, ABI.md §5).
#[derive(Clone, Debug, PartialEq)]
pub struct InputError(pub String);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "stdin is not a valid ABI v{} job context: {}", ABI_VERSION, self.0)
    }
}

fn bad<T>(msg: String) -> Result<T, InputError> {
    Err(InputError(msg))
}

fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// A string member: absent or null is "" (or an error when required), anything else must be a string.
fn member(doc: &Value, key: &str, required: bool, prefix: &str) -> Result<String, InputError> {
    match doc.get(key) {
        None | Some(Value::Null) if required => bad(format!("'{}{}' is required", prefix, key)),
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) if required && crate::is_blank(s) => bad(format!("'{}{}' must not be blank", prefix, key)),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(v) => bad(format!("'{}{}' must be a string, got {}", prefix, key, v.type_name())),
    }
}

fn target(t: &Value) -> Result<Option<Target>, InputError> {
    match t {
        Value::Null => return Ok(None),
        Value::Object(_) => {}
        other => return bad(format!("'target' must be an object, got {}", other.type_name())),
    }
    let mut facts = Vec::new();
    match t.get("facts") {
        None | Some(Value::Null) => {}
        Some(Value::Object(members)) => {
            for (k, v) in members {
                match v {
                    Value::String(s) => facts.push((k.clone(), s.clone())),
                    other => return bad(format!("'target.facts.{}' must be a string, got {}", k, other.type_name())),
                }
            }
        }
        Some(other) => return bad(format!("'target.facts' must be an object, got {}", other.type_name())),
    }
    Ok(Some(Target {
        id: member(t, "id", true, "target.")?,
        kind: member(t, "type", true, "target.")?,
        title: member(t, "title", false, "target.")?,
        facts,
    }))
}

impl Context {
    /// Parses and validates the bytes of stdin.
    pub fn from_json(input: &[u8]) -> Result<Context, InputError> {
        let doc = Value::parse(input).map_err(|e| InputError(format!("invalid JSON: {}", e)))?;
        if !matches!(doc, Value::Object(_)) {
            return bad(format!("the document must be a JSON object, got {}", doc.type_name()));
        }
        let abi = match doc.get("abiVersion") {
            None => return bad("'abiVersion' is required".to_string()),
            Some(v) => match v.as_i64() {
                Some(n) => n,
                None => return bad("'abiVersion' must be an integer".to_string()),
            },
        };
        if abi != ABI_VERSION {
            return bad(format!("this plugin speaks ABI version {}, the context has abiVersion {}", ABI_VERSION, abi));
        }
        let run_id = member(&doc, "runId", true, "")?;
        if !is_uuid(&run_id) {
            return bad(format!("'runId' must be a uuid, got '{}'", run_id));
        }
        let config = match doc.get("configuration") {
            None | Some(Value::Null) => Value::Object(Vec::new()),
            Some(v @ Value::Object(_)) => v.clone(),
            Some(v) => return bad(format!("'configuration' must be an object, got {}", v.type_name())),
        };
        Ok(Context {
            abi_version: abi,
            run_id,
            job_id: member(&doc, "jobId", true, "")?,
            task_id: member(&doc, "taskId", true, "")?,
            activity_id: member(&doc, "activityId", true, "")?,
            plan_id: member(&doc, "planId", false, "")?,
            component_id: member(&doc, "componentId", false, "")?,
            control_id: member(&doc, "controlId", false, "")?,
            target: match doc.get("target") {
                None => None,
                Some(t) => target(t)?,
            },
            config,
        })
    }

    /// The configuration object (an empty object when the context has none), for nested values.
    pub fn config(&self) -> &Value {
        &self.config
    }

    /// A configuration value; absent and JSON null both mean "use the plugin's default" (ABI.md §3).
    pub fn config_value(&self, key: &str) -> Option<&Value> {
        self.config.get(key).filter(|v| !v.is_null())
    }

    pub fn config_str(&self, key: &str, default: &str) -> Result<String, Error> {
        match self.config_value(key) {
            None => Ok(default.to_string()),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(v) => Err(wrong_type(key, "a string", v)),
        }
    }

    /// An integer (`3`, `3.0` and `3e0` all count; `3.5` does not).
    pub fn config_i64(&self, key: &str, default: i64) -> Result<i64, Error> {
        match self.config_value(key) {
            None => Ok(default),
            Some(v) => v.as_i64().ok_or_else(|| wrong_type(key, "an integer", v)),
        }
    }

    pub fn config_f64(&self, key: &str, default: f64) -> Result<f64, Error> {
        match self.config_value(key) {
            None => Ok(default),
            Some(v) => v.as_f64().ok_or_else(|| wrong_type(key, "a number", v)),
        }
    }

    pub fn config_bool(&self, key: &str, default: bool) -> Result<bool, Error> {
        match self.config_value(key) {
            None => Ok(default),
            Some(v) => v.as_bool().ok_or_else(|| wrong_type(key, "a boolean", v)),
        }
    }

    /// An array of strings.
    pub fn config_strings(&self, key: &str, default: &[&str]) -> Result<Vec<String>, Error> {
        let items = match self.config_value(key) {
            None => return Ok(default.iter().map(|s| s.to_string()).collect()),
            Some(Value::Array(items)) => items,
            Some(v) => return Err(wrong_type(key, "an array of strings", v)),
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            match v {
                Value::String(s) => out.push(s.clone()),
                other => return Err(wrong_type(&format!("{}[{}]", key, i), "a string", other)),
            }
        }
        Ok(out)
    }
}

fn wrong_type(key: &str, expected: &str, v: &Value) -> Error {
    Error::new(format!("configuration '{}' must be {}, got {}", key, expected, v.type_name()))
}
