package io.periodic.local.runner.report;

/** The report's one stylesheet, inlined in the page: screen and print (A4, colours kept, no split figures). */
final class ReportStyle {
    private ReportStyle() {
    }

    static final String CSS = """

            :root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --panel: #f7f9fb; }
            * { box-sizing: border-box; }
            html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            body { margin: 0; color: var(--ink); background: #fff;
              font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1160px; margin: 0 auto; padding: 32px 28px 40px; }
            header.page { border-bottom: 3px solid var(--ink); padding-bottom: 12px; margin-bottom: 24px; }
            h1 { font-size: 28px; line-height: 1.2; margin: 0 0 4px; letter-spacing: -0.01em; }
            h2 { font-size: 19px; margin: 0 0 2px; }
            .subtitle { color: var(--muted); margin: 0; font-size: 15px; }
            section { margin: 0 0 36px; }
            .note { color: var(--muted); margin: 0 0 10px; font-size: 13px; }
            .kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px;
              list-style: none; margin: 0; padding: 0; }
            .kpi { border: 1px solid var(--line); border-left: 4px solid #0072B2; border-radius: 6px;
              padding: 10px 14px 12px; background: var(--panel); }
            .kpi-label { font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
            .kpi-value { font-size: 22px; font-weight: 650; line-height: 1.25; margin-top: 2px;
              font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
            .kpi-value.multi { font-size: 16px; line-height: 1.35; margin-top: 4px; }
            .kpi-part { display: block; white-space: nowrap; }
            .kpi-part .sep { display: none; }
            .legend { display: flex; flex-wrap: wrap; gap: 4px 18px; list-style: none; margin: 0 0 12px; padding: 0;
              font-size: 13px; }
            .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px;
              vertical-align: -1px; }
            .multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 16px 20px; }
            figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px 8px;
              break-inside: avoid; page-break-inside: avoid; }
            figure.single { max-width: 760px; }
            figcaption { font-weight: 600; margin-bottom: 4px; }
            .ccy { display: inline-block; background: var(--ink); color: #fff; border-radius: 3px; padding: 0 6px;
              font-size: 12px; letter-spacing: 0.05em; vertical-align: 1px; margin-right: 4px; }
            .fig-note { margin: 4px 0 0; font-size: 12.5px; color: var(--muted); font-variant-numeric: tabular-nums; }
            svg.chart { display: block; width: 100%; height: auto; }
            svg.chart text { font-family: inherit; font-size: 11px; fill: var(--muted); }
            svg.chart text.axis-title { font-weight: 600; fill: var(--ink); }
            svg.chart text.year { font-size: 10px; }
            svg.chart text.bar-label { font-size: 13px; fill: var(--ink); }
            svg.chart text.bar-value { font-size: 13px; font-weight: 600; fill: var(--ink); }
            svg.chart text.bar-label, svg.chart text.bar-value { paint-order: stroke; stroke: #fff; stroke-width: 3px;
              stroke-linejoin: round; }
            svg.chart .grid line { stroke: #e4e7eb; stroke-width: 1; }
            svg.chart .grid line.baseline { stroke: #9aa5b1; }
            svg.chart .bar rect { stroke: #fff; stroke-width: 0.75; }
            svg.chart .bar rect.unapplied { stroke: #E69F00; stroke-width: 1; }
            svg.chart .bar:hover rect { opacity: 0.8; }
            .no-data { margin: 0; padding: 18px; border: 1px dashed var(--line); border-radius: 6px; color: var(--muted);
              text-align: center; }
            table.data { width: 100%; border-collapse: collapse; font-size: 13px; }
            table.data th, table.data td { padding: 5px 10px; text-align: left; border-bottom: 1px solid var(--line);
              vertical-align: baseline; }
            table.data thead th { border-bottom: 2px solid var(--ink); font-weight: 600; white-space: nowrap; }
            table.data tbody th { font-weight: 500; }
            table.data tbody tr:nth-child(even) { background: var(--panel); }
            table.data .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            a { color: #0061a0; }
            .status { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: 12px; border: 1px solid;
              white-space: nowrap; }
            .status-good { color: #00573f; background: #e3f4ee; border-color: #9ed3bf; }
            .status-warn { color: #7a4a00; background: #fdf1d6; border-color: #efc36b; }
            .status-bad { color: #8c2d04; background: #fbe5da; border-color: #e5a283; }
            .status-muted { color: #52606d; background: #f0f2f4; border-color: #cbd2d9; }
            .status-neutral { color: #0b4f7c; background: #e6f1f8; border-color: #a9cce3; }
            footer.page { border-top: 1px solid var(--line); padding-top: 10px; color: var(--muted); font-size: 12px; }
            @page { size: A4; margin: 14mm 12mm; }
            @media print {
              body { font-size: 11px; }
              main { max-width: none; padding: 0; }
              .multiples { grid-template-columns: 1fr 1fr; }
              section { margin-bottom: 20px; }
              h2, .note, .legend { break-after: avoid; page-break-after: avoid; }
              section.keep-together { break-inside: avoid; page-break-inside: avoid; }
              /* charts shrink to half the page width: enlarge their text (in SVG user units) to stay legible */
              svg.chart text { font-size: 13px; }
              svg.chart text.year { font-size: 12px; }
              svg.chart text.bar-label, svg.chart text.bar-value { font-size: 14px; }
              thead { display: table-header-group; }
              tr, .kpi { break-inside: avoid; page-break-inside: avoid; }
              a { color: inherit; text-decoration: none; }
              .kpis { grid-template-columns: repeat(3, 1fr); }
            }
            """;
}
