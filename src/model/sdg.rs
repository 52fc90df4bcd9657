//! The 17 Sustainable Development Goals with their canonical Japanese names (国連広報センター).

/// Canonical names of goals 1–17, index 0 = goal 1.
pub const SDG_NAMES: [&str; 17] = [
    "貧困をなくそう",
    "飢餓をゼロに",
    "すべての人に健康と福祉を",
    "質の高い教育をみんなに",
    "ジェンダー平等を実現しよう",
    "安全な水とトイレを世界中に",
    "エネルギーをみんなに そしてクリーンに",
    "働きがいも経済成長も",
    "産業と技術革新の基盤をつくろう",
    "人や国の不平等をなくそう",
    "住み続けられるまちづくりを",
    "つくる責任 つかう責任",
    "気候変動に具体的な対策を",
    "海の豊かさを守ろう",
    "陸の豊かさも守ろう",
    "平和と公正をすべての人に",
    "パートナーシップで目標を達成しよう",
];

/// The canonical name of goal `n` (1–17).
pub fn sdg_name(n: u32) -> Option<&'static str> {
    n.checked_sub(1)
        .and_then(|i| SDG_NAMES.get(i as usize))
        .copied()
}
