//! The diagram's type and colours, in one table that the layout measures
//! text with and the SVG writer writes: a font size cannot differ between
//! the two.
//!
//! Colours are written as presentation attributes (`fill="#102a43"`) next
//! to a class per element (`fd-step-title`), not as CSS custom properties.
//! The attributes make the SVG read the same inline, standalone, in print
//! and in tools without CSS, while any stylesheet rule on the class (a
//! theme's `.fd .fd-step-title { fill: … }`) outranks a presentation
//! attribute, so a theme can already restyle every element. A `var()` would
//! still need its fallback colour in the SVG for standalone use, either in
//! an inline `style` (which would outrank the theme's rules) or in an
//! attribute (which SVG tools outside browsers do not resolve), or copied
//! into the stylesheet (a second source). A theme should change colours
//! only: the boxes are sized for these font sizes.

/// Local fonts only, ending in the generic family: nothing is downloaded.
/// The width estimates of `text` assume such a sans-serif.
pub const FONTS: &str = "'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','Source Han Sans SC',sans-serif";

/// Lane headers.
const INK: &str = "#1a1a1a";
/// The flow's arrows, and the labels on them.
pub const EDGE: &str = "#333333";
/// Escalations: their arrows, notes and the lines to the notes.
pub const ESCALATION: &str = "#b3261e";
const LINK: &str = "#0b4fa8";
/// The step boxes' border, also the sub-flow's inner border.
const STEP_LINE: &str = "#1f4e79";

/// How a line of text is set; the layout sizes boxes with it and the SVG
/// writer writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Centred step title.
    Title,
    /// Centred limit text under a title.
    Limit,
    /// Centred link to a sub-flow inside its box.
    SubflowLink,
    /// A decision's question, centred in its diamond.
    Question,
    /// Centred lane header.
    Header,
    /// Centred terminal text.
    Terminal,
    /// Arrow label, anchored at its start or (left of a trunk) at its end.
    Label,
    LabelEnd,
    /// Escalation note: first line, other lines, and its link to a flow.
    NoteHead,
    Note,
    NoteLink,
}

/// A [`Style`] spelled out: its class, font size and line height in px,
/// colour, anchor and further SVG attributes.
pub struct Look {
    pub class: &'static str,
    pub size: i32,
    pub line: i32,
    pub fill: &'static str,
    pub anchor: &'static str,
    pub extra: &'static str,
}

const BOLD: &str = r#" font-weight="bold""#;
const UNDERLINE: &str = r#" text-decoration="underline""#;

impl Style {
    pub const fn look(self) -> Look {
        let (class, size, line, fill, anchor, extra) = match self {
            Style::Title => ("fd-step-title", 13, 17, "#102a43", "middle", ""),
            Style::Limit => ("fd-limit", 12, 15, "#3d4f63", "middle", ""),
            Style::SubflowLink => ("fd-link", 12, 15, LINK, "middle", UNDERLINE),
            Style::Question => ("fd-question", 12, 15, "#4a3600", "middle", ""),
            Style::Header => ("fd-lane-title", 13, 16, INK, "middle", BOLD),
            Style::Terminal => ("fd-terminal-text", 12, 15, "#123d1c", "middle", ""),
            Style::Label => ("fd-edge-label-text", 12, 15, EDGE, "start", ""),
            Style::LabelEnd => ("fd-edge-label-text", 12, 15, EDGE, "end", ""),
            Style::NoteHead => ("fd-note-head", 12, 15, "#5c1a14", "start", BOLD),
            Style::Note => ("fd-note-text", 12, 15, "#3b1410", "start", ""),
            Style::NoteLink => ("fd-link", 12, 15, LINK, "start", UNDERLINE),
        };
        Look {
            class,
            size,
            line,
            fill,
            anchor,
            extra,
        }
    }

    /// Font size in px.
    pub const fn size(self) -> i32 {
        self.look().size
    }

    /// Line height in px.
    pub const fn line(self) -> i32 {
        self.look().line
    }
}

/// The fill and stroke of a shape.
#[derive(Clone, Copy)]
pub struct Paint {
    pub fill: &'static str,
    pub stroke: &'static str,
}

/// Lanes, alternately shaded, and the escalation column.
pub const LANES: [Paint; 2] = [
    Paint {
        fill: "#f7f8fa",
        stroke: "#d0d5dd",
    },
    Paint {
        fill: "#ffffff",
        stroke: "#d0d5dd",
    },
];
pub const LANE_ESCALATION: Paint = Paint {
    fill: "#fdf6f5",
    stroke: "#d0d5dd",
};
pub const LANE_HEADER: Paint = Paint {
    fill: "#e8ecf2",
    stroke: "none",
};
pub const STEP: Paint = Paint {
    fill: "#eef4fb",
    stroke: STEP_LINE,
};
pub const SUBFLOW_INNER: Paint = Paint {
    fill: "none",
    stroke: STEP_LINE,
};
pub const DECISION: Paint = Paint {
    fill: "#fff4d6",
    stroke: "#8a6100",
};
pub const TERMINAL: Paint = Paint {
    fill: "#e6f4ea",
    stroke: "#2e6b3a",
};
pub const NOTE: Paint = Paint {
    fill: "#fdecea",
    stroke: ESCALATION,
};
/// Behind an arrow's label, hiding what runs under it.
pub const LABEL: Paint = Paint {
    fill: "#ffffff",
    stroke: "none",
};
