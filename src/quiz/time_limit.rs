//! Time-limit questions: "「一般投诉接单分拣时限」是多长？". Options are
//! durations as the site reads them: the limit's own (the key), those of
//! other limits of the same metric and of the same steps, and plausible
//! variants (twice, half, another unit). An option is right when it equals,
//! on the limit's business calendar, a limit of the same metric whose
//! scope meets the asked one; a distractor must be decidedly different
//! from all of them and from every other option.

use num_traits::CheckedMul;

use super::bank::{Ctx, standard_index};
use super::probe::{Probe, Value};
use super::question::{Difficulty, Draft, Form, QuestionKind, Subject, Tags};
use crate::spec::duration::amount_text;
use crate::spec::duration::{
    Amount, AnchorOffset, AnchorPeriod, Duration, Quantity, Unit, check_bounds,
};
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::scope::ScopeKey;
use crate::spec::timing::{Side, Time, Verdict, WorkingClock, compare};

/// How many limits of one family are offered as distractors at most.
const FAMILY: usize = 16;

/// One draft per limit, made as the bank takes them: made all first, they
/// held 140 MB of a 10,000-file build.
pub fn drafts<'c>(cx: &'c Ctx) -> impl Iterator<Item = Draft> + 'c {
    (0..cx.spec.limits.len()).filter_map(move |l| draft(cx, l))
}

fn draft(cx: &Ctx, l: usize) -> Option<Draft> {
    let spec = cx.spec;
    let limit = &spec.limits[l];
    let info = &spec.limit_info[l];
    let duration = info.duration.clone()?;
    let metric = limit.metric.value.clone();
    let case = cx.lint.scope(l).clone();
    let family = &cx.by_metric[metric.as_str()];
    // Findings about two limits name both: the limit itself is the fact.
    let facts = vec![ItemRef::new(Kind::Limit, l)];
    let of = |j: &usize| spec.limit_info[*j].duration.clone().map(Value::Duration);
    let metric_tier: Vec<Value> = family
        .iter()
        .filter(|&&j| j != l)
        .take(FAMILY)
        .filter_map(of)
        .collect();
    let relations = &spec.relations.limits[l];
    let neighbours: Vec<Value> = (relations.used_by.iter())
        .flat_map(|at| limits_of(cx, *at))
        .filter(|&j| j != l)
        .take(FAMILY)
        .filter_map(|j| of(&j))
        .collect();
    let variants = variants(&duration)
        .into_iter()
        .map(Value::Duration)
        .collect();
    let citation = cx.citation(limit.source.as_ref());
    let scope = scope_words(cx, &case);
    let stem = format!(
        "{}「{}」{}的时限是？",
        cx.per(&citation),
        limit.title.value,
        if scope.is_empty() {
            String::new()
        } else {
            format!("（{scope}）")
        },
    );
    let explanation = format!(
        "{}规定：「{}」为 {}（原文写作「{}」）。",
        cx.cited(&citation),
        limit.title.value,
        duration,
        info.text
    );
    let difficulty = if metric_tier.is_empty() {
        Difficulty::Medium
    } else {
        Difficulty::Hard
    };
    let tags = Tags {
        roles: relations
            .owners
            .iter()
            .map(|o| cx.role_id(o.role))
            .collect(),
        standard: standard_index(spec, limit.source.as_ref())
            .map(|s| spec.standards[s].id.value.clone()),
        flows: flows_using(cx, &relations.used_by),
    };
    Some(Draft {
        kind: QuestionKind::TimeLimit,
        tests: vec!["limit".into(), metric.clone(), case.describe()],
        form: Form::Single,
        stem,
        probe: Probe::Limit {
            metric,
            case,
            limit: l,
        },
        key: Value::Duration(duration),
        pool: vec![metric_tier, neighbours, variants],
        explanation,
        subject: Subject {
            kind: "limit".into(),
            id: limit.id.value.clone(),
            parent: None,
        },
        citation,
        difficulty,
        tags,
        facts,
    })
}

/// The limits a flow or step lists.
fn limits_of(cx: &Ctx, at: ItemRef) -> Vec<usize> {
    let flow = &cx.spec.flows[at.index];
    let refs = if at.kind == Kind::Step {
        &flow.steps[at.part].limits
    } else {
        &flow.limits
    };
    refs.iter()
        .filter_map(|r| cx.spec.index_of(Kind::Limit, &r.value))
        .collect()
}

/// The ids of the flows among `used_by`, once each.
pub fn flows_using(cx: &Ctx, used_by: &[ItemRef]) -> Vec<String> {
    let mut flows: Vec<String> = Vec::new();
    for at in used_by {
        let id = cx.flow_id(at.index);
        if !flows.contains(&id) {
            flows.push(id);
        }
    }
    flows
}

/// A scope in the words of the standard: the priority class's title, the
/// customer tier, channel, business and condition.
pub fn scope_words(cx: &Ctx, scope: &ScopeKey) -> String {
    let mut words: Vec<String> = Vec::new();
    if let Some(p) = &scope.priority {
        words.push(
            cx.classes
                .get(p.as_str())
                .map_or_else(|| p.clone(), |t| (*t).to_owned()),
        );
    }
    words.extend(
        [
            &scope.customer,
            &scope.channel,
            &scope.business,
            &scope.condition,
        ]
        .into_iter()
        .flatten()
        .cloned(),
    );
    match scope.other_departments {
        Some(true) => words.push("涉及外部门".into()),
        Some(false) => words.push("不涉及外部门".into()),
        None => {}
    }
    words.join("，")
}

pub fn judge(cx: &Ctx, probe: &Probe, value: &Value) -> Option<bool> {
    let Value::Duration(d) = value else {
        return None;
    };
    let clock = probe.clock(cx);
    let truths: Vec<&Duration> = match probe {
        Probe::Limit { metric, case, .. } => (cx.by_metric.get(metric.as_str())?.iter())
            .filter(|&&j| {
                let scope = cx.lint.scope(j);
                scope.covers(case) || case.covers(scope)
            })
            .filter_map(|&j| cx.spec.limit_info[j].duration.as_ref())
            // A vague limit makes no duration right.
            .filter(|d| !matches!(d, Duration::Vague { .. }))
            .collect(),
        Probe::After(f, s, e) => {
            let step = &cx.spec.flows[*f].steps[*s];
            let when = |k: usize| step.escalations[k].when.as_ref().map(|w| &w.value);
            (0..step.escalations.len())
                .filter(|&k| when(k) == when(*e))
                .filter_map(|k| cx.spec.escalation_after(*f, *s, k))
                .collect()
        }
        _ => return None,
    };
    let verdicts: Vec<Option<bool>> = truths.iter().map(|t| relation(d, t, clock)).collect();
    if verdicts.contains(&Some(true)) {
        Some(true)
    } else if verdicts.contains(&None) {
        None
    } else {
        Some(false)
    }
}

/// Whether two durations say the same (`Some(true)`), decidedly not
/// (`Some(false)`), or the model cannot tell (`None`: 1个月 against 30天).
pub fn relation(a: &Duration, b: &Duration, clock: Option<&dyn WorkingClock>) -> Option<bool> {
    let times = |x: Time, y: Time| match compare(Side { time: x, clock }, Side { time: y, clock }) {
        Verdict::Is(std::cmp::Ordering::Equal) => Some(true),
        v if v.differs() => Some(false),
        _ => None,
    };
    match (a, b) {
        (Duration::Vague { .. }, _) | (_, Duration::Vague { .. }) => None,
        (
            Duration::Frequency {
                count: c1,
                at_least: l1,
                per: p1,
            },
            Duration::Frequency {
                count: c2,
                at_least: l2,
                per: p2,
            },
        ) => match times(Time::of(*p1), Time::of(*p2))? {
            true if c1 == c2 && l1 == l2 => Some(true),
            // 每月1次 and 每月至少1次 are too close to call one wrong.
            true if c1 == c2 => None,
            _ => Some(false),
        },
        (Duration::Anchor { .. }, Duration::Anchor { .. }) => Some(a == b),
        _ => match (grants(a), grants(b)) {
            (Some(x), Some(y)) => times(x, y),
            _ => Some(false),
        },
    }
}

/// The time a span, range (its upper end) or window grants.
fn grants(d: &Duration) -> Option<Time> {
    match d {
        Duration::Span { .. } | Duration::Range { .. } | Duration::Retention { .. } => {
            d.normalised().map(Time::of)
        }
        _ => None,
    }
}

/// Plausible wrong readings of `d`: other amounts and units of the same shape.
pub fn variants(d: &Duration) -> Vec<Duration> {
    match d {
        Duration::Span { quantity, within } => quantities(*quantity)
            .into_iter()
            .map(|quantity| Duration::Span {
                quantity,
                within: *within,
            })
            .collect(),
        Duration::Retention { quantity } => quantities(*quantity)
            .into_iter()
            .map(|quantity| Duration::Retention { quantity })
            .collect(),
        Duration::Range { min, max } => [(2, 1), (1, 2), (3, 1)]
            .into_iter()
            .filter_map(|(n, m)| {
                Some(Duration::Range {
                    min: scaled(*min, n, m)?,
                    max: scaled(*max, n, m)?,
                })
            })
            .collect(),
        Duration::Frequency {
            count,
            at_least,
            per,
        } => {
            let counts = [count + 1, count.saturating_sub(1), count * 2]
                .into_iter()
                .filter(|c| *c > 0 && c != count)
                .map(|c| Duration::Frequency {
                    count: c,
                    at_least: *at_least,
                    per: *per,
                });
            let pers = quantities(*per).into_iter().map(|per| Duration::Frequency {
                count: *count,
                at_least: *at_least,
                per,
            });
            counts.chain(pers).collect()
        }
        Duration::Anchor {
            period,
            offset,
            day,
            bound,
        } => {
            let flip = match offset {
                AnchorOffset::This => AnchorOffset::Next,
                AnchorOffset::Next => AnchorOffset::This,
            };
            let mut out = vec![Duration::Anchor {
                period: *period,
                offset: flip,
                day: *day,
                bound: *bound,
            }];
            if let (AnchorPeriod::Month, Some(day)) = (period, day) {
                for other in [
                    day.saturating_sub(5),
                    day + 5,
                    day.saturating_sub(10),
                    day + 10,
                ] {
                    if (1..=28).contains(&other) && other != *day {
                        out.push(Duration::Anchor {
                            period: *period,
                            offset: *offset,
                            day: Some(other),
                            bound: *bound,
                        });
                    }
                }
            }
            out
        }
        Duration::Vague { .. } => Vec::new(),
    }
}

/// Other amounts of the same unit, the same amount in neighbouring units,
/// and round figures of the unit, all within the parser's bounds.
fn quantities(q: Quantity) -> Vec<Quantity> {
    let scales = [(2, 1), (1, 2), (3, 1), (3, 2), (4, 1)];
    let mut out: Vec<Quantity> = scales
        .iter()
        .filter_map(|&(n, m)| scaled(q, n, m))
        .collect();
    let neighbours: &[Unit] = match q.unit {
        Unit::Seconds => &[Unit::Minutes],
        Unit::Minutes => &[Unit::Hours, Unit::Seconds],
        Unit::Hours => &[Unit::Days, Unit::WorkingDays, Unit::Minutes],
        Unit::Days => &[Unit::WorkingDays, Unit::Hours, Unit::Months],
        Unit::WorkingHours => &[Unit::Hours, Unit::WorkingDays],
        Unit::WorkingDays => &[Unit::Days, Unit::Hours],
        Unit::Months => &[Unit::Days, Unit::Years],
        Unit::Years => &[Unit::Months],
    };
    out.extend(neighbours.iter().map(|&unit| Quantity {
        amount: q.amount,
        unit,
    }));
    let round: &[i64] = match q.unit {
        Unit::Seconds => &[10, 30, 60],
        Unit::Minutes => &[5, 10, 15, 30],
        Unit::Hours | Unit::WorkingHours => &[1, 2, 4, 8, 12, 24, 48],
        Unit::Days => &[1, 3, 5, 7, 15, 30],
        Unit::WorkingDays => &[1, 2, 3, 5, 10],
        Unit::Months => &[1, 2, 3, 6, 12],
        Unit::Years => &[1, 2, 3, 5],
    };
    out.extend(round.iter().map(|&n| Quantity {
        amount: Amount::from_integer(n),
        unit: q.unit,
    }));
    // Only amounts a standard would write: decimals, never `1/3`.
    out.retain(|x| *x != q && check_bounds(x).is_ok() && !amount_text(&x.amount).contains('/'));
    out
}

fn scaled(q: Quantity, n: i64, m: i64) -> Option<Quantity> {
    let amount = q.amount.checked_mul(&Amount::new(n, m))?;
    let out = Quantity {
        amount,
        unit: q.unit,
    };
    check_bounds(&out).ok().map(|()| out)
}
