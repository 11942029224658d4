//! The PluginOutput (ABI.md §4): built through handles, written as one JSON document.
//!
//! Elements refer to each other by small copyable handles ([`SubjectId`], [`ObservationId`], ...)
//! that only this output hands out, so every link in the document resolves. A programming error
//! (a blank title, a handle from another output) is remembered, not panicked on: the run then ends
//! with exit code 3 and the message on stderr, as the C SDK does.

use crate::json::write_string;
use crate::{hash, is_blank, time};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Pass,
    Fail,
    Error,
    /// The control does not apply to the target; no finding may then be not satisfied.
    NotApplicable,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Satisfied,
    NotSatisfied,
}

impl State {
    /// `Satisfied` when `ok`: most checks compute a boolean.
    pub fn from_ok(ok: bool) -> State {
        if ok {
            State::Satisfied
        } else {
            State::NotSatisfied
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Examine,
    Interview,
    Test,
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Debug,
    Info,
    Warn,
    Error,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RiskStatus {
    Open,
    Investigating,
    Remediating,
    DeviationRequested,
    DeviationApproved,
    Closed,
}

// The wire tokens, exactly as ABI.md lists them.
impl Status {
    pub fn token(self) -> &'static str {
        match self {
            Status::Pass => "PASS",
            Status::Fail => "FAIL",
            Status::Error => "ERROR",
            Status::NotApplicable => "NOT_APPLICABLE",
        }
    }
}
impl State {
    pub fn token(self) -> &'static str {
        match self {
            State::Satisfied => "satisfied",
            State::NotSatisfied => "not-satisfied",
        }
    }
}
impl Method {
    pub fn token(self) -> &'static str {
        match self {
            Method::Examine => "EXAMINE",
            Method::Interview => "INTERVIEW",
            Method::Test => "TEST",
            Method::Unknown => "UNKNOWN",
        }
    }
}
impl Level {
    pub fn token(self) -> &'static str {
        match self {
            Level::Debug => "DEBUG",
            Level::Info => "INFO",
            Level::Warn => "WARN",
            Level::Error => "ERROR",
        }
    }
}
impl RiskStatus {
    pub fn token(self) -> &'static str {
        match self {
            RiskStatus::Open => "open",
            RiskStatus::Investigating => "investigating",
            RiskStatus::Remediating => "remediating",
            RiskStatus::DeviationRequested => "deviation-requested",
            RiskStatus::DeviationApproved => "deviation-approved",
            RiskStatus::Closed => "closed",
        }
    }
}

/// Handles: indexes into this output's lists, tagged with the output's identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubjectId(usize, u64);
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ObservationId(usize, u64);
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FindingId(usize, u64);
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RiskId(usize, u64);

type Props = Vec<(String, String)>;

fn set_prop(props: &mut Props, name: &str, value: &str) {
    match props.iter_mut().find(|(k, _)| k == name) {
        Some(p) => p.1 = value.to_string(),
        None => props.push((name.to_string(), value.to_string())),
    }
}

#[derive(Debug)]
struct Subject {
    uuid: String,
    identifier: String,
    kind: String,
    title: String,
    props: Props,
}

#[derive(Debug)]
struct Observation {
    uuid: String,
    title: String,
    description: String,
    methods: Vec<Method>,
    subjects: Vec<usize>,
    evidence: Vec<(String, String)>,
    props: Props,
    collected: Option<i64>,
}

#[derive(Debug)]
struct Finding {
    uuid: String,
    title: String,
    description: String,
    target_id: String,
    state: State,
    observations: Vec<usize>,
    risks: Vec<usize>,
}

#[derive(Debug)]
struct Risk {
    uuid: String,
    title: String,
    description: String,
    statement: String,
    status: RiskStatus,
    observations: Vec<usize>,
}

#[derive(Debug)]
struct LogEntry {
    level: Level,
    message: String,
    time: Option<i64>,
}

fn push_unique(v: &mut Vec<usize>, i: usize) {
    if !v.contains(&i) {
        v.push(i);
    }
}

thread_local! {
    // Distinguishes outputs, so that a handle of one is refused by another.
    static OUTPUTS: std::cell::Cell<u64> = std::cell::Cell::new(0);
}

/// The document under construction. Build it in `run`'s closure; the SDK writes it.
#[derive(Debug)]
pub struct Output {
    run_id: String,
    owner: u64,
    seq: u64,
    status: Option<(Status, String)>,
    title: String,
    subjects: Vec<Subject>,
    observations: Vec<Observation>,
    findings: Vec<Finding>,
    risks: Vec<Risk>,
    logs: Vec<LogEntry>,
    misuse: Option<String>,
    clock: fn() -> Option<i64>,
}

impl Output {
    /// An empty output for the run `run_id` (uuids are name-based on it, so a run is reproducible).
    pub fn new(run_id: &str) -> Output {
        Output::with_clock(run_id, time::now)
    }

    /// As `new`, with another clock (tests use a fixed one).
    pub fn with_clock(run_id: &str, clock: fn() -> Option<i64>) -> Output {
        let owner = OUTPUTS.with(|c| {
            c.set(c.get().wrapping_add(1));
            c.get()
        });
        Output {
            run_id: run_id.to_string(),
            owner,
            seq: 0,
            status: None,
            title: String::new(),
            subjects: Vec::new(),
            observations: Vec::new(),
            findings: Vec::new(),
            risks: Vec::new(),
            logs: Vec::new(),
            misuse: None,
            clock,
        }
    }

    /// Remembers the first programming error; the run then ends with exit code 3.
    fn misuse(&mut self, what: String) {
        if self.misuse.is_none() {
            self.misuse = Some(what);
        }
    }

    /// The programming error that makes this output unwritable, if any.
    pub fn misuse_error(&self) -> Option<&str> {
        self.misuse.as_deref()
    }

    fn required(&mut self, what: &str, text: &str) -> String {
        if is_blank(text) {
            self.misuse(format!("{} must not be blank", what));
        }
        text.to_string()
    }

    fn next_uuid(&mut self, kind: &str) -> String {
        self.seq += 1;
        hash::uuid_from_name(format!("{}:{}:{}", self.run_id, kind, self.seq).as_bytes())
    }

    fn check(&mut self, owner: u64, index: usize, len: usize, what: &str) -> bool {
        let ok = owner == self.owner && index < len;
        if !ok {
            self.misuse(format!("{} handle of another output was used", what));
        }
        ok
    }

    /// Something looked at (a file, the OS, a service). `kind`: an OSCAL subject type where it fits
    /// ("component", "inventory-item", "resource", ...). The same kind + identifier returns the same
    /// subject; its uuid is the one the runtime derives (`UUID.nameUUIDFromBytes("subject:kind:identifier")`).
    pub fn subject(&mut self, kind: &str, identifier: &str, title: &str) -> SubjectId {
        if let Some(i) = self.subjects.iter().position(|s| s.kind == kind && s.identifier == identifier) {
            return SubjectId(i, self.owner);
        }
        let kind = self.required("a subject's type", kind);
        let identifier = self.required("a subject's identifier", identifier);
        let uuid = hash::uuid_from_name(format!("subject:{}:{}", kind, identifier).as_bytes());
        self.subjects.push(Subject { uuid, identifier, kind, title: title.to_string(), props: Vec::new() });
        SubjectId(self.subjects.len() - 1, self.owner)
    }

    /// A fact about a subject; setting a name again replaces its value.
    pub fn subject_prop(&mut self, s: SubjectId, name: &str, value: &str) {
        if self.check(s.1, s.0, self.subjects.len(), "a subject") && !name.is_empty() {
            if let Some(sub) = self.subjects.get_mut(s.0) {
                set_prop(&mut sub.props, name, value);
            }
        }
    }

    /// Something seen; `collected` is now. A blank description takes the title.
    pub fn observation(&mut self, title: &str, description: &str) -> ObservationBuilder<'_> {
        let title = self.required("an observation's title", title);
        let description = if is_blank(description) { title.clone() } else { description.to_string() };
        let uuid = self.next_uuid("observation");
        let collected = (self.clock)();
        self.observations.push(Observation {
            uuid,
            title,
            description,
            methods: Vec::new(),
            subjects: Vec::new(),
            evidence: Vec::new(),
            props: Vec::new(),
            collected,
        });
        let index = self.observations.len() - 1;
        ObservationBuilder { out: self, index }
    }

    /// An observation added before, to add to it.
    pub fn observation_mut(&mut self, o: ObservationId) -> ObservationBuilder<'_> {
        let index = if self.check(o.1, o.0, self.observations.len(), "an observation") { o.0 } else { usize::MAX };
        ObservationBuilder { out: self, index }
    }

    /// A conclusion. `target_id`: the control or objective concluded on ("" = the job's control);
    /// the examples use a stable check id. A blank description takes the title.
    pub fn finding(&mut self, target_id: &str, state: State, title: &str, description: &str) -> FindingBuilder<'_> {
        let title = self.required("a finding's title", title);
        let description = if is_blank(description) { title.clone() } else { description.to_string() };
        let uuid = self.next_uuid("finding");
        self.findings.push(Finding {
            uuid,
            title,
            description,
            target_id: target_id.to_string(),
            state,
            observations: Vec::new(),
            risks: Vec::new(),
        });
        let index = self.findings.len() - 1;
        FindingBuilder { out: self, index }
    }

    pub fn finding_mut(&mut self, f: FindingId) -> FindingBuilder<'_> {
        let index = if self.check(f.1, f.0, self.findings.len(), "a finding") { f.0 } else { usize::MAX };
        FindingBuilder { out: self, index }
    }

    /// A risk (status `open`). A blank description takes the title, a blank statement the description.
    pub fn risk(&mut self, title: &str, description: &str, statement: &str) -> RiskId {
        let title = self.required("a risk's title", title);
        let description = if is_blank(description) { title.clone() } else { description.to_string() };
        let statement = if is_blank(statement) { description.clone() } else { statement.to_string() };
        let uuid = self.next_uuid("risk");
        self.risks.push(Risk { uuid, title, description, statement, status: RiskStatus::Open, observations: Vec::new() });
        RiskId(self.risks.len() - 1, self.owner)
    }

    pub fn risk_status(&mut self, r: RiskId, status: RiskStatus) {
        if self.check(r.1, r.0, self.risks.len(), "a risk") {
            if let Some(risk) = self.risks.get_mut(r.0) {
                risk.status = status;
            }
        }
    }

    pub fn risk_observation(&mut self, r: RiskId, o: ObservationId) {
        if self.check(r.1, r.0, self.risks.len(), "a risk") && self.check(o.1, o.0, self.observations.len(), "an observation") {
            if let Some(risk) = self.risks.get_mut(r.0) {
                push_unique(&mut risk.observations, o.0);
            }
        }
    }

    /// A log line kept with the result (not written to stderr).
    pub fn log(&mut self, level: Level, message: &str) {
        let time = (self.clock)();
        self.logs.push(LogEntry { level, message: message.to_string(), time });
    }

    /// The result's title; absent = the activity's title.
    pub fn set_title(&mut self, title: &str) {
        self.title = title.to_string();
    }

    /// The verdict, explicitly. Without it: FAIL when a finding is not satisfied, else PASS.
    pub fn set_status(&mut self, status: Status, reason: &str) {
        self.status = Some((status, reason.to_string()));
    }

    /// The plugin could not assess: status ERROR with this reason, also logged at ERROR.
    /// What was collected so far stays in the output.
    pub fn set_error(&mut self, reason: &str) {
        let reason = if is_blank(reason) { "the plugin could not assess its target" } else { reason };
        self.log(Level::Error, reason);
        self.status = Some((Status::Error, reason.to_string()));
    }

    /// The control does not apply to the target (e.g. an SSH check on a host without an SSH server):
    /// status NOT_APPLICABLE with this reason, also logged at INFO. Findings recorded so far stay,
    /// and must all be satisfied (a not-satisfied one is a misuse: exit code 3).
    pub fn set_not_applicable(&mut self, reason: &str) {
        let reason = if is_blank(reason) { "the control does not apply to this target" } else { reason };
        self.log(Level::Info, &format!("not applicable: {}", reason));
        self.status = Some((Status::NotApplicable, reason.to_string()));
    }

    /// Records a misuse when the verdict contradicts the findings, which the runtime would reject.
    pub(crate) fn check_verdict(&mut self) {
        let failed = self.findings.iter().filter(|f| f.state == State::NotSatisfied).count();
        if failed > 0 && matches!(self.status, Some((Status::NotApplicable, _))) {
            self.misuse(format!("status NOT_APPLICABLE with {} not-satisfied finding(s)", failed));
        }
    }

    /// The verdict and reason that will be written.
    pub fn verdict(&self) -> (Status, String) {
        if let Some((status, reason)) = &self.status {
            let reason = if *status == Status::Error && is_blank(reason) {
                "the plugin could not assess its target".to_string()
            } else if *status == Status::NotApplicable && is_blank(reason) {
                "the control does not apply to this target".to_string()
            } else {
                reason.clone()
            };
            return (*status, reason);
        }
        let failed = self.findings.iter().filter(|f| f.state == State::NotSatisfied).count();
        let n = self.findings.len();
        if failed > 0 {
            (Status::Fail, format!("{} of {} findings not satisfied", failed, n))
        } else if n > 0 {
            (Status::Pass, format!("all {} findings satisfied", n))
        } else {
            (Status::Pass, "nothing to assess".to_string())
        }
    }

    /// The document as JSON text (one line, then a newline).
    pub fn to_json(&self) -> String {
        let mut w = Writer { out: String::with_capacity(4096) };
        let (status, reason) = self.verdict();
        w.out.push('{');
        let mut first = true;
        w.str(&mut first, "status", status.token());
        w.str(&mut first, "reason", &reason);
        w.str(&mut first, "title", &self.title);
        w.list(&mut first, "observations", &self.observations, |w, o| self.write_observation(w, o));
        w.list(&mut first, "findings", &self.findings, |w, f| self.write_finding(w, f));
        w.list(&mut first, "risks", &self.risks, |w, r| self.write_risk(w, r));
        w.list(&mut first, "subjects", &self.subjects, |w, s| {
            let mut f = true;
            w.str(&mut f, "uuid", &s.uuid);
            w.str(&mut f, "identifier", &s.identifier);
            w.str(&mut f, "type", &s.kind);
            w.str(&mut f, "title", &s.title);
            w.props(&mut f, &s.props);
        });
        w.list(&mut first, "logs", &self.logs, |w, l| {
            let mut f = true;
            w.str(&mut f, "level", l.level.token());
            w.key(&mut f, "message"); // required even when empty
            write_string(&mut w.out, &l.message);
            w.time(&mut f, "time", l.time);
        });
        w.out.push_str("}\n");
        w.out
    }

    fn write_observation(&self, w: &mut Writer, o: &Observation) {
        let mut f = true;
        w.str(&mut f, "uuid", &o.uuid);
        w.str(&mut f, "title", &o.title);
        w.str(&mut f, "description", &o.description);
        if !o.methods.is_empty() {
            w.key(&mut f, "methods");
            w.strings(o.methods.iter().map(|m| m.token()));
        }
        self.write_links(w, &mut f, "subjects", &o.subjects, |i| self.subjects.get(i).map(|s| s.uuid.as_str()));
        w.list(&mut f, "evidence", &o.evidence, |w, (href, description)| {
            let mut g = true;
            w.str(&mut g, "href", href);
            w.str(&mut g, "description", description);
        });
        w.props(&mut f, &o.props);
        w.time(&mut f, "collected", o.collected);
    }

    fn write_finding(&self, w: &mut Writer, x: &Finding) {
        let mut f = true;
        w.str(&mut f, "uuid", &x.uuid);
        w.str(&mut f, "title", &x.title);
        w.str(&mut f, "description", &x.description);
        w.str(&mut f, "targetId", &x.target_id);
        w.str(&mut f, "state", x.state.token());
        self.write_links(w, &mut f, "relatedObservations", &x.observations, |i| self.observations.get(i).map(|o| o.uuid.as_str()));
        self.write_links(w, &mut f, "relatedRisks", &x.risks, |i| self.risks.get(i).map(|r| r.uuid.as_str()));
    }

    fn write_risk(&self, w: &mut Writer, r: &Risk) {
        let mut f = true;
        w.str(&mut f, "uuid", &r.uuid);
        w.str(&mut f, "title", &r.title);
        w.str(&mut f, "description", &r.description);
        w.str(&mut f, "statement", &r.statement);
        w.str(&mut f, "status", r.status.token());
        self.write_links(w, &mut f, "relatedObservations", &r.observations, |i| self.observations.get(i).map(|o| o.uuid.as_str()));
    }

    fn write_links<'a>(&'a self, w: &mut Writer, first: &mut bool, key: &str, links: &[usize], uuid: impl Fn(usize) -> Option<&'a str>) {
        if !links.is_empty() {
            w.key(first, key);
            w.strings(links.iter().filter_map(|&i| uuid(i)));
        }
    }
}

/// Adds to an observation; every method returns the builder, `id()` ends the chain.
pub struct ObservationBuilder<'a> {
    out: &'a mut Output,
    index: usize, // usize::MAX after a misused handle: the calls then do nothing
}

impl<'a> ObservationBuilder<'a> {
    fn get(&mut self) -> Option<&mut Observation> {
        self.out.observations.get_mut(self.index)
    }

    pub fn method(mut self, m: Method) -> Self {
        if let Some(o) = self.get() {
            if !o.methods.contains(&m) {
                o.methods.push(m);
            }
        }
        self
    }

    pub fn subject(mut self, s: SubjectId) -> Self {
        if self.out.check(s.1, s.0, self.out.subjects.len(), "a subject") {
            if let Some(o) = self.get() {
                push_unique(&mut o.subjects, s.0);
            }
        }
        self
    }

    /// A fact (OSCAL prop); setting a name again replaces its value. An empty name is ignored.
    pub fn prop(mut self, name: &str, value: &str) -> Self {
        if !name.is_empty() {
            if let Some(o) = self.get() {
                set_prop(&mut o.props, name, value);
            }
        }
        self
    }

    /// Evidence it rests on: `href` (a path, URL or digest; "" for none) and what it shows.
    pub fn evidence(mut self, href: &str, description: &str) -> Self {
        let description = self.out.required("evidence's description", description);
        if let Some(o) = self.get() {
            o.evidence.push((href.to_string(), description));
        }
        self
    }

    pub fn id(self) -> ObservationId {
        ObservationId(self.index, self.out.owner)
    }
}

/// Adds to a finding; every method returns the builder, `id()` ends the chain.
pub struct FindingBuilder<'a> {
    out: &'a mut Output,
    index: usize,
}

impl<'a> FindingBuilder<'a> {
    pub fn observation(self, o: ObservationId) -> Self {
        if self.out.check(o.1, o.0, self.out.observations.len(), "an observation") {
            if let Some(f) = self.out.findings.get_mut(self.index) {
                push_unique(&mut f.observations, o.0);
            }
        }
        self
    }

    pub fn risk(self, r: RiskId) -> Self {
        if self.out.check(r.1, r.0, self.out.risks.len(), "a risk") {
            if let Some(f) = self.out.findings.get_mut(self.index) {
                push_unique(&mut f.risks, r.0);
            }
        }
        self
    }

    /// A risk raised by this finding: linked from it and to all of its observations (so add the
    /// observations first).
    pub fn raise_risk(self, title: &str, description: &str, statement: &str) -> Self {
        let r = self.out.risk(title, description, statement);
        let observations = self.out.findings.get(self.index).map(|f| f.observations.clone()).unwrap_or_default();
        if let Some(risk) = self.out.risks.get_mut(r.0) {
            risk.observations = observations;
        }
        self.risk(r)
    }

    pub fn id(self) -> FindingId {
        FindingId(self.index, self.out.owner)
    }
}

/// Writes JSON members; `first` tracks the commas of one object.
struct Writer {
    out: String,
}

impl Writer {
    fn key(&mut self, first: &mut bool, key: &str) {
        if !*first {
            self.out.push(',');
        }
        *first = false;
        write_string(&mut self.out, key);
        self.out.push(':');
    }

    /// A string member; empty strings are left out, as the runtime writes them.
    fn str(&mut self, first: &mut bool, key: &str, value: &str) {
        if !value.is_empty() {
            self.key(first, key);
            write_string(&mut self.out, value);
        }
    }

    fn strings<'s>(&mut self, items: impl Iterator<Item = &'s str>) {
        self.out.push('[');
        for (i, s) in items.enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            write_string(&mut self.out, s);
        }
        self.out.push(']');
    }

    fn time(&mut self, first: &mut bool, key: &str, t: Option<i64>) {
        if let Some(t) = t {
            self.str(first, key, &time::iso8601(t));
        }
    }

    fn props(&mut self, first: &mut bool, props: &Props) {
        if !props.is_empty() {
            self.key(first, "props");
            self.out.push('{');
            for (i, (k, v)) in props.iter().enumerate() {
                if i > 0 {
                    self.out.push(',');
                }
                write_string(&mut self.out, k);
                self.out.push(':');
                write_string(&mut self.out, v);
            }
            self.out.push('}');
        }
    }

    /// An array member of objects, left out when empty.
    fn list<T>(&mut self, first: &mut bool, key: &str, items: &[T], mut each: impl FnMut(&mut Writer, &T)) {
        if items.is_empty() {
            return;
        }
        self.key(first, key);
        self.out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.out.push('{');
            each(self, item);
            self.out.push('}');
        }
        self.out.push(']');
    }
}
