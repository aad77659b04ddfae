//! The checks a number from the page passes before a handler sees it, shared by
//! [`Number`](super::Number) and [`Slider`](super::Slider): a finite number, within the
//! component's `minimum` and `maximum`, on its `step` grid, rounded to its `precision`.

use serde_json::Value;

use super::HeldProps;

/// A finite number from `page`, or why not. `what` names the component in the message.
pub(crate) fn number(page: &Value, what: &str) -> Result<f64, String> {
    match page {
        Value::Number(n) => n
            .as_f64()
            .filter(|n| n.is_finite())
            .ok_or_else(|| format!("{what}: the number is out of range")),
        other => Err(format!(
            "{what}: expected a number, got {}",
            crate::events::value_kind(other)
        )),
    }
}

/// Refuses `value` outside the held `minimum`..=`maximum`.
pub(crate) fn in_range(value: f64, held: &HeldProps<'_>, what: &str) -> Result<(), String> {
    if let Some(min) = held.get("minimum").and_then(Value::as_f64) {
        if value < min {
            return Err(format!(
                "{what}: {} is below the minimum {}",
                show(value),
                show(min)
            ));
        }
    }
    if let Some(max) = held.get("maximum").and_then(Value::as_f64) {
        if value > max {
            return Err(format!(
                "{what}: {} is above the maximum {}",
                show(value),
                show(max)
            ));
        }
    }
    Ok(())
}

/// Refuses `value` that is not `minimum` plus a whole number of held `step`s (within a
/// millionth of a step, for decimal steps that binary floats cannot hold exactly).
pub(crate) fn on_step(value: f64, held: &HeldProps<'_>, what: &str) -> Result<(), String> {
    let Some(step) = held
        .get("step")
        .and_then(Value::as_f64)
        .filter(|s| *s > 0.0)
    else {
        return Ok(());
    };
    let base = held.get("minimum").and_then(Value::as_f64).unwrap_or(0.0);
    let steps = (value - base) / step;
    if (steps - steps.round()).abs() > 1e-6 {
        return Err(format!(
            "{what}: {} is not {} plus a multiple of the step {}",
            show(value),
            show(base),
            show(step)
        ));
    }
    Ok(())
}

/// `value` as JSON, rounded to the held `precision` (decimal places; 0 makes an integer).
pub(crate) fn rounded(value: f64, held: &HeldProps<'_>) -> Value {
    match held.get("precision").and_then(Value::as_u64) {
        Some(0) if value.abs() < 9.0e15 => Value::from(value.round() as i64),
        Some(places) => {
            let scale = 10f64.powi(places.min(15) as i32);
            Value::from((value * scale).round() / scale)
        }
        None => Value::from(value),
    }
}

/// A number as people write it: `3` rather than `3.0`.
pub(crate) fn show(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::Props;

    fn held(json: &str) -> Props {
        serde_json::from_str(json).unwrap_or_default()
    }

    #[test]
    fn steps_of_a_tenth_accept_what_floats_make_of_them() {
        let props = held(r#"{"minimum":0,"step":0.1}"#);
        let h = HeldProps {
            layers: [Some(&props), None, None],
        };
        assert_eq!(on_step(0.30000000000000004, &h, "x"), Ok(()));
        assert_eq!(on_step(0.7, &h, "x"), Ok(()));
        assert_eq!(
            on_step(0.75, &h, "x"),
            Err("x: 0.75 is not 0 plus a multiple of the step 0.1".to_owned())
        );
    }

    #[test]
    fn precision_rounds_and_zero_makes_an_integer() {
        let props = held(r#"{"precision":0}"#);
        let h = HeldProps {
            layers: [Some(&props), None, None],
        };
        assert_eq!(rounded(2.6, &h), Value::from(3));
        assert!(rounded(2.6, &h).is_i64());
        let props = held(r#"{"precision":2}"#);
        let h = HeldProps {
            layers: [Some(&props), None, None],
        };
        assert_eq!(rounded(1.23456, &h), Value::from(1.23));
    }
}
