import type { ReactNode } from "react";
import { hopCells, type HopCell, type StateCard } from "@/app/_lib/og/state-card";

// Markup for next/og (Satori), not the DOM: inline styles only, every element with more than one
// child needs display:flex, and text is drawn as text, so nothing is HTML-escaped by hand.
// Colours are the dark theme of app/globals.css, so a shared link looks like the site.

/** Font family name the route registers the Geist files under. */
export const OG_FONT_FAMILY = "Geist";

const colors = {
  bg: "#0b0f17",
  fg: "#e5e7eb",
  muted: "#a1a8b3",
  line: "#374151",
  surface: "#131a26",
  accent: "#8ab4ff",
  accentSoft: "#14213a",
  warn: "#fbbf24",
  warnSoft: "#2a1f0a",
};

function Frame({ children }: { children: ReactNode }) {
  return (
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        padding: "56px 64px",
        backgroundColor: colors.bg,
        color: colors.fg,
        fontFamily: OG_FONT_FAMILY,
        fontWeight: 400,
      }}
    >
      {children}
    </div>
  );
}

/** The site header's mark (a pulse line) and name. */
function Brand({ size }: { size: number }) {
  return (
    <div style={{ display: "flex", alignItems: "center", gap: size * 0.4 }}>
      <svg width={size * 1.2} height={size * 1.2} viewBox="0 0 24 24" fill="none">
        <path
          d="M3 12h4l2-6 4 12 2-6h6"
          stroke={colors.accent}
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <div style={{ fontSize: size, fontWeight: 600 }}>Gateway Doctor</div>
    </div>
  );
}

/** The request path, browser to database, with the hop the state suspects lit up. */
function HopStrip({ hops }: { hops: readonly HopCell[] }) {
  const suspected = hops.find((cell) => cell.suspected);
  return (
    <div style={{ display: "flex", flexDirection: "column" }}>
      <div style={{ display: "flex", fontSize: 20, color: colors.muted, marginBottom: 10 }}>
        {suspected ? `Suspected: ${suspected.label}` : "Request path"}
      </div>
      <div style={{ display: "flex", alignItems: "center" }}>
        {hops.map((cell, index) => (
          <div key={cell.hop} style={{ display: "flex", alignItems: "center" }}>
            {index > 0 && (
              <div style={{ fontSize: 26, color: colors.muted, padding: "0 10px" }}>→</div>
            )}
            <div
              style={{
                display: "flex",
                alignItems: "center",
                padding: "10px 18px",
                borderRadius: 10,
                fontSize: 24,
                fontWeight: cell.suspected ? 700 : 400,
                color: cell.suspected ? colors.warn : colors.muted,
                backgroundColor: cell.suspected ? colors.warnSoft : colors.surface,
                border: `2px solid ${cell.suspected ? colors.warn : colors.line}`,
              }}
            >
              {cell.label}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

/** The share image of one wizard state. */
export function StateCardImage({ card }: { card: StateCard }) {
  return (
    <Frame>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
        <Brand size={30} />
        <div
          style={{
            display: "flex",
            padding: "6px 18px",
            borderRadius: 999,
            fontSize: 24,
            fontWeight: 600,
            color: colors.accent,
            backgroundColor: colors.accentSoft,
            border: `2px solid ${colors.accent}`,
          }}
        >
          {card.kindLabel}
        </div>
      </div>
      <div
        style={{
          display: "block",
          marginTop: 40,
          fontSize: 58,
          fontWeight: 700,
          lineHeight: 1.12,
          letterSpacing: "-0.02em",
          // Two title lines (titles may reach 90 characters) and three summary lines always
          // leave room for the trail and the strip below.
          lineClamp: 2,
        }}
      >
        {card.title}
      </div>
      <div
        style={{
          display: "block",
          marginTop: 20,
          fontSize: 28,
          lineHeight: 1.4,
          color: colors.muted,
          lineClamp: 3,
        }}
      >
        {card.summary}
      </div>
      <div style={{ display: "flex", flexGrow: 1 }} />
      {card.trail !== "" && (
        <div style={{ display: "flex", fontSize: 22, color: colors.muted, marginBottom: 20 }}>
          <div style={{ display: "flex", fontWeight: 600, color: colors.fg, marginRight: 12 }}>
            Answers:
          </div>
          <div style={{ display: "flex" }}>{card.trail}</div>
        </div>
      )}
      <HopStrip hops={card.hops} />
    </Frame>
  );
}

/** The image for a link that names no state: the site's name and what it does. */
export function GenericCardImage() {
  return (
    <Frame>
      <Brand size={40} />
      <div
        style={{
          display: "block",
          marginTop: 72,
          fontSize: 64,
          fontWeight: 700,
          lineHeight: 1.12,
          letterSpacing: "-0.02em",
        }}
      >
        Find out why you see 502 Bad Gateway
      </div>
      <div style={{ display: "block", marginTop: 24, fontSize: 30, color: colors.muted }}>
        A step-by-step troubleshooter for 502, 503, 504 and Cloudflare 52x errors, for visitors and
        for the people who run the site.
      </div>
      <div style={{ display: "flex", flexGrow: 1 }} />
      <HopStrip hops={hopCells(null)} />
    </Frame>
  );
}
