//! The pages' one stylesheet, inline: plain on a screen, readable at phone width (375 px:
//! the tables scroll sideways inside their box, nothing else does) and printable for the
//! quarterly review (no buttons or forms, black on white, no table or chart split across
//! pages).

/// The stylesheet every page carries.
pub const STYLE: &str = "
body{font-family:system-ui,sans-serif;margin:0;color:#222;background:#fafafa;line-height:1.35}
header{background:#2f6f9f;color:#fff;padding:.6rem 1.2rem;display:flex;flex-wrap:wrap;gap:.4rem 1rem;justify-content:space-between;align-items:center}
header a{color:#fff}header nav{display:flex;flex-wrap:wrap;gap:.3rem 1rem;align-items:center}header form{margin:0;display:inline}
main{padding:1rem 1.2rem;max-width:1100px}
h1{font-size:1.5rem;margin:.4rem 0}h2{font-size:1.2rem;margin:1.4rem 0 .5rem}h3{font-size:1rem;margin:1rem 0 .3rem}
.cards{display:flex;gap:.8rem;flex-wrap:wrap;margin:.8rem 0}.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.5rem .9rem;min-width:9rem;flex:1 1 9rem}
.card b{display:block;font-size:1.5rem}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;background:#fff;width:100%}
td,th{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#eef3f7}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.chart-box{background:#fff;border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.5rem}
.chart{width:100%;height:auto;max-width:720px}figcaption{font-weight:600}.score{font-weight:700;text-align:center}
.actions{background:#fff;border:2px solid #c60;border-radius:6px;padding:.4rem 1rem 1rem}
.actions ul.summary{padding-left:1.2rem;margin:.3rem 0}.nothing{color:#376}
.flag{display:inline-block;border-radius:3px;padding:0 .35rem;font-size:.8rem;font-weight:600;white-space:nowrap}
.past,.expired,.overdue{background:#fde2e0;color:#8a1c12}.near,.due{background:#fff1d6;color:#7a4a00}
.mark{display:inline-block;border:1px solid #999;border-radius:3px;padding:0 .3rem;font-size:.75rem;color:#444;white-space:nowrap}
.note{color:#555;font-size:.9rem}.plain{font-size:1.05rem}
.login{max-width:22rem;margin:4rem auto;background:#fff;padding:1.5rem;border:1px solid #ddd;border-radius:6px}
.login input{display:block;width:100%;margin:.3rem 0 .8rem;padding:.4rem;box-sizing:border-box}.error{color:#a33}
.code{font-size:2rem;font-family:ui-monospace,monospace;letter-spacing:.1em}.qr{display:block;margin:.5rem 0;max-width:100%;height:auto}
.print-only{display:none}
@media (max-width:640px){
 main{padding:.6rem}header{padding:.5rem .6rem}h1{font-size:1.25rem}
 td,th{padding:.3rem;font-size:.85rem}.card{min-width:40%}.card b{font-size:1.25rem}
 .chart-box{padding:.2rem;margin:.6rem 0}
}
@media print{
 @page{margin:1.5cm}
 body{background:#fff;color:#000;font-size:10.5pt}
 header,form,button,.no-print{display:none !important}
 .print-only{display:block}
 main{max-width:none;padding:0}
 a{color:#000;text-decoration:none}
 .scroll{overflow:visible}
 .actions,.card,.chart-box{border-color:#000}
 table,figure,.card,tr{break-inside:avoid}h2,h3{break-after:avoid}
 th{background:#eee}.flag{border:1px solid #000;background:none;color:#000}
 table{table-layout:fixed;font-size:8.5pt}td,th{padding:.15rem .25rem;overflow-wrap:anywhere}
 td .note,td .aside{font-size:8pt}
}
";
