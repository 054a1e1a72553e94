"""Every word the report shows, in Arabic and English, from one table.

:data:`STRINGS` maps a key to ``{"ar": ..., "en": ...}``; :func:`tr` picks
the report's language and fills ``{placeholders}``. A test checks that no key
lacks a language and that both languages use the same placeholders.

>>> tr("para_label", "en", n=3)
'Paragraph 3'
>>> tr("para_label", "ar", n=3)
'الفقرة 3'
"""

from __future__ import annotations

from ..lexicon import CATEGORIES, DEVICE_CATEGORIES

__all__ = ["LANGS", "STRINGS", "report_lang", "tr"]

#: Languages of the report (an article in another language gets an English report).
LANGS = ("ar", "en")

STRINGS: dict[str, dict[str, str]] = {
    # -- page and header ---------------------------------------------------------
    "report_title": {"ar": "تقرير التربية الإعلامية", "en": "Media-literacy report"},
    "intro": {
        "ar": "يعرض هذا التقرير كيف يحاول المقال التأثير في قارئه: الكلمات المشحونة وأساليب التأطير في كل فقرة، "
              "وموقف كل فقرة من الأطراف التي تتناولها، ومن يُنقل عنه الكلام. إنه دليل للقراءة المتأنية لا حكم على المقال.",
        "en": "This report shows how the article tries to move its reader: the loaded words and framing devices in "
              "each paragraph, the stance each paragraph takes toward the parties it discusses, and who is quoted. "
              "It is a guide to careful reading, not a verdict on the article.",
    },
    "untitled": {"ar": "مقال بلا عنوان", "en": "Untitled article"},
    "meta_source": {"ar": "المصدر", "en": "Source"},
    "meta_date": {"ar": "التاريخ", "en": "Date"},
    "meta_language": {"ar": "اللغة", "en": "Language"},
    "meta_paragraphs": {"ar": "الفقرات المحلَّلة", "en": "Paragraphs analysed"},
    "meta_removed": {"ar": "كتل زائدة حُذفت (قوائم، إعلانات…)", "en": "Boilerplate removed (menus, adverts…)"},
    "meta_removed_value": {"ar": "{n} من الكتل", "en": "{n} blocks"},
    "meta_unknown": {"ar": "غير معروف", "en": "not known"},
    "lang_ar": {"ar": "العربية", "en": "Arabic"},
    "lang_en": {"ar": "الإنجليزية", "en": "English"},
    "lang_other": {"ar": "لغة أخرى", "en": "another language"},
    "lang_mixed": {"ar": "{main}، مع فقرات بلغة أخرى", "en": "{main}, with paragraphs in another language"},
    # -- sections ----------------------------------------------------------------
    "sec_summary": {"ar": "الخلاصة", "en": "At a glance"},
    "sec_legend": {"ar": "كيف تقرأ الإبرازات", "en": "How to read the highlights"},
    "sec_article": {"ar": "المقال فقرةً فقرة", "en": "The article, paragraph by paragraph"},
    "sec_related": {"ar": "روابط وعناوين مرافقة في الصفحة", "en": "Related headlines on the page"},
    "sec_sources": {"ar": "توازن المصادر", "en": "Source balance"},
    "sec_charts": {"ar": "رسوم بيانية", "en": "Charts"},
    "sec_questions": {"ar": "أسئلة تطرحها على المقال", "en": "Questions to ask"},
    "sec_method": {"ar": "المنهج وحدوده", "en": "Method and limits"},
    # -- summary cards -----------------------------------------------------------
    "card_loadedness": {"ar": "شحنة اللغة", "en": "Loaded wording"},
    "card_persuasion": {"ar": "الإقناع", "en": "Persuasion"},
    "card_devices": {"ar": "أساليب التأطير", "en": "Framing devices"},
    "card_stance": {"ar": "الموقف من الأطراف", "en": "Stance toward the parties"},
    "scale_none": {"ar": "لا شحنة تُذكر", "en": "not loaded"},
    "scale_low": {"ar": "منخفضة", "en": "low"},
    "scale_typical": {"ar": "معتادة", "en": "typical"},
    "scale_high": {"ar": "مرتفعة", "en": "high"},
    "scale_very_high": {"ar": "مرتفعة جدًا", "en": "very high"},
    "loadedness_pct": {
        "ar": "أكثر شحنة من {pct}٪ من فقرات الأخبار الحقيقية باللغة {language}.",
        "en": "More loaded than {pct}% of paragraphs of real {language} news.",
    },
    "loadedness_abs": {
        "ar": "{value} كلمة مشحونة (موزونة) لكل 100 كلمة. لا يتوفر بعد مرجع من أخبار حقيقية للمقارنة، "
              "فهذا مقياس الأداة نفسها.",
        "en": "{value} weighted loaded words per 100 words. No reference from real news is available yet, "
              "so this is framing's own scale.",
    },
    "loadedness_what": {
        "ar": "مدى حكم الألفاظ على ما تصفه: كلمات الموقع نفسه تُحسب كاملة، والكلام المنقول بنصفها.",
        "en": "How much the wording judges while it describes: the outlet's own words count fully, quoted words half.",
    },
    "persuasion_value": {
        "ar": "{n} من {total} فقرات يُرجَّح أنها كُتبت للإقناع (متوسط الاحتمال {avg}٪).",
        "en": "{n} of {total} paragraphs are likely written to persuade (average probability {avg}%).",
    },
    "persuasion_none": {"ar": "لا يوجد نموذج إقناع لهذه اللغة.", "en": "No persuasion model for this language."},
    "devices_value": {"ar": "{n} أسلوبًا", "en": "{n} devices"},
    "devices_voice": {
        "ar": "{outlet} بكلمات الموقع نفسه، و{other} في كلام منقول.",
        "en": "{outlet} in the outlet's own words, {other} in quotations or reported speech.",
    },
    "devices_top": {"ar": "الأكثر: {items}", "en": "Most frequent: {items}"},
    "stance_none_found": {
        "ar": "لم يُعثر على طرف معروف يتناوله المقال (يمكن تحديده بالخيار ‎--target).",
        "en": "No known party was found in the article (name one with --target).",
    },
    "stance_counts": {
        "ar": "عدد الفقرات: مؤيِّد {favor}، معارض {against}، محايد {none}",
        "en": "paragraphs: for {favor}, against {against}, neutral {none}",
    },
    "stance_FAVOR": {"ar": "مؤيِّد", "en": "for"},
    "stance_AGAINST": {"ar": "معارض", "en": "against"},
    "stance_NONE": {"ar": "محايد", "en": "neutral"},
    "stance_badge_title": {
        "ar": "الموقف من {target}: {label} (الاحتمال {pct}٪)",
        "en": "stance toward {target}: {label} (probability {pct}%)",
    },
    # -- legend ------------------------------------------------------------------
    "legend_intro": {
        "ar": "كل أسلوب تأطير مُبرَز بلون ونقش ووسم قصير ورقم يحيل إلى ملاحظة بعد الفقرة. "
              "مرِّر المؤشر فوق الإبراز لترى شرحه.",
        "en": "Each framing device is highlighted with a colour, a pattern, a short label and a number that refers "
              "to a note after the paragraph. Hover over a highlight to see its explanation.",
    },
    "legend_outlet": {"ar": "خط متصل: بكلمات الموقع نفسه", "en": "solid underline: the outlet's own words"},
    "legend_quoted": {
        "ar": "خط متقطع: في اقتباس أو كلام منقول عن متحدث",
        "en": "dashed underline: in a quotation or in reported speech",
    },
    "legend_none": {"ar": "لم يُعثر على أساليب تأطير في هذا المقال.", "en": "No framing devices were found in this article."},
    # -- paragraphs and notes ----------------------------------------------------
    "para_label": {"ar": "الفقرة {n}", "en": "Paragraph {n}"},
    "para_loaded": {"ar": "الشحنة {value}", "en": "loadedness {value}"},
    "para_loaded_pct": {"ar": "الشحنة {value} (أعلى من {pct}٪)", "en": "loadedness {value} (above {pct}%)"},
    "para_persuasion": {"ar": "احتمال الإقناع {pct}٪", "en": "persuasive: {pct}%"},
    "para_reasons": {"ar": "لماذا: {reasons}", "en": "why: {reasons}"},
    "note_voice_outlet": {"ar": "بكلمات الموقع نفسه", "en": "in the outlet's own words"},
    "note_voice_quote": {"ar": "في اقتباس عن {speaker}", "en": "quoted from {speaker}"},
    "note_voice_quote_anon": {"ar": "في اقتباس لم يُحدَّد قائله", "en": "in a quotation (speaker not identified)"},
    "note_voice_attributed": {"ar": "في كلام منقول عن {speaker}", "en": "reported from {speaker}"},
    "note_voice_attributed_anon": {
        "ar": "في كلام منقول لم يُحدَّد قائله",
        "en": "in reported speech (speaker not identified)",
    },
    "note_neutral": {"ar": "بديل محايد: {neutral}", "en": "neutral alternative: {neutral}"},
    "note_repeated": {"ar": "داخل جملة مكررة (تُحسب مرة واحدة)", "en": "inside a repeated sentence (counted once)"},
    "sep": {"ar": "، ", "en": ", "},
    "percent": {"ar": "{n}٪", "en": "{n}%"},
    "dash": {"ar": " — ", "en": " — "},
    "arrow": {"ar": " ← ", "en": " → "},
    "quote_open": {"ar": "«", "en": "“"},
    "quote_close": {"ar": "»", "en": "”"},
    # -- source balance ----------------------------------------------------------
    "sources_intro": {
        "ar": "مَن يتكلم في المقال؟ المتحدثون الذين يُقتبس كلامهم أو يُنقل، وكم مرة:",
        "en": "Who speaks in the article? The people quoted or cited, and how often:",
    },
    "col_speaker": {"ar": "المتحدث", "en": "Speaker"},
    "col_times": {"ar": "مرات النقل", "en": "Times cited"},
    "col_paragraphs": {"ar": "الفقرات", "en": "Paragraphs"},
    "sources_none": {"ar": "لا يُنقل في المقال عن أي متحدث مسمّى.", "en": "No named speaker is quoted or cited."},
    "sources_answer_intro": {"ar": "هل يُتاح للطرف المنتقَد أن يرد؟", "en": "Does a criticised party get to answer?"},
    "sources_answered": {
        "ar": "{target}: منتقَد في {n} من الفقرات، ويتكلم بصوته في المقال.",
        "en": "{target}: criticised in {n} paragraph(s), and speaks for itself in the article.",
    },
    "sources_unanswered": {
        "ar": "{target}: منتقَد في {n} من الفقرات، ولا يُتاح له أن يرد.",
        "en": "{target}: criticised in {n} paragraph(s), and is not given a chance to answer.",
    },
    "sources_no_criticism": {
        "ar": "لم تُرصد فقرة معارضة لأي من الأطراف.",
        "en": "No paragraph was found to argue against any of the parties.",
    },
    "sources_voice_share": {
        "ar": "{pct}٪ من أساليب التأطير بكلمات الموقع نفسه لا بكلام متحدثيه.",
        "en": "{pct}% of the framing devices are in the outlet's own words rather than its speakers'.",
    },
    # -- charts ------------------------------------------------------------------
    "chart_stance_map": {"ar": "خريطة المواقف: الفقرات والأطراف", "en": "Stance map: paragraphs and parties"},
    "chart_stance_map_cap": {
        "ar": "كل خانة موقف فقرة من طرف: + مؤيِّد، − معارض، ○ محايد، فراغ: لم يُقيَّم.",
        "en": "Each cell is a paragraph's stance toward a party: + for, − against, ○ neutral, blank: not scored.",
    },
    "chart_categories": {"ar": "أساليب التأطير: العدد والوزن", "en": "Framing devices: count and weight"},
    "chart_categories_cap": {
        "ar": "عدد مرات كل أسلوب ومجموع أوزانه (1 خفيف، 2 متوسط، 3 قوي).",
        "en": "How often each device occurs and its total weight (1 mild, 2 medium, 3 strong).",
    },
    "chart_terms": {"ar": "أكثر الكلمات شحنة وبدائلها المحايدة", "en": "Most loaded terms and neutral alternatives"},
    "chart_terms_cap": {
        "ar": "الكلمات مرتبة حسب الوزن، وإلى جانب كل منها بديل محايد حيث يوجد.",
        "en": "Terms ranked by weight, each with a neutral alternative where one exists.",
    },
    "chart_loadedness": {"ar": "شحنة اللغة على امتداد المقال", "en": "Loaded wording along the article"},
    "chart_loadedness_cap": {
        "ar": "شحنة كل فقرة بالترتيب؛ الخط المتقطع شحنة المقال كله.",
        "en": "Each paragraph's loadedness in order; the dashed line is the whole article's.",
    },
    "charts_none": {"ar": "لا توجد بيانات كافية لرسم بياني.", "en": "There is not enough to chart."},
    "ax_paragraph": {"ar": "الفقرة", "en": "paragraph"},
    "ax_count": {"ar": "العدد", "en": "count"},
    "ax_weight": {"ar": "الوزن", "en": "weight"},
    "ax_average": {"ar": "المقال كله", "en": "whole article"},
    "ax_no_neutral": {"ar": "(لا بديل)", "en": "(no alternative)"},
    # -- questions ---------------------------------------------------------------
    "questions_intro": {
        "ar": "أسئلة مبنية على ما وجدته الأداة في هذا المقال، للنقاش في الصف أو للقراءة الفردية:",
        "en": "Questions built from what was found in this article, for class discussion or reading alone:",
    },
    "q_loaded_target": {
        "ar": "ما الدليل الذي يقدّمه المقال على وصف {target} بعبارة «{term}»؟",
        "en": "What evidence is given for calling {target} “{term}”?",
    },
    "q_loaded": {
        "ar": "ما الدليل الذي يقدّمه المقال على عبارة «{term}»؟ هل يتغيّر المعنى لو قيل «{neutral}»؟",
        "en": "What evidence is given for the word “{term}”? Would “{neutral}” change the meaning?",
    },
    "q_loaded_noalt": {
        "ar": "ماذا تضيف عبارة «{term}» إلى الوقائع نفسها؟",
        "en": "What does the word “{term}” add to the facts themselves?",
    },
    "q_unanswered": {"ar": "هل يعرض المقال ردّ {target}؟", "en": "Does the article let {target} answer?"},
    "q_scare": {
        "ar": "لماذا وُضعت {term} بين علامتي تنصيص؟ كلمة مَن هي، وهل يذكر المقال ذلك؟",
        "en": "Why is {term} in quotation marks? Whose word is it, and does the article say?",
    },
    "q_general": {
        "ar": "مَن هم «{term}» تحديدًا؟ وهل يتحدث المقال عنهم جميعًا؟",
        "en": "Who exactly are “{term}”? Does the article mean all of them?",
    },
    "q_rhetorical": {
        "ar": "يسأل المقال «{term}»: هل يجيب عن السؤال، أم أن السؤال يوجّهك إلى جواب معيّن؟",
        "en": "The article asks “{term}”: does it answer, or does the question steer you to an answer?",
    },
    "q_fear": {
        "ar": "تثير عبارة «{term}» الخوف: ما الخطر المقصود، وما مدى احتماله فعلًا؟",
        "en": "“{term}” appeals to fear: what is the danger, and how likely is it?",
    },
    "q_doubt": {
        "ar": "تشكّك عبارة «{term}» في أمر ما: في ادعاء مَن، وهل يشرح المقال سبب الشك؟",
        "en": "“{term}” casts doubt: on whose claim, and does the article say why?",
    },
    "q_certainty": {
        "ar": "تقدّم عبارة «{term}» الأمر كأنه محسوم: ما الدليل عليه؟",
        "en": "“{term}” presents a point as settled: what evidence backs it?",
    },
    "q_victim": {
        "ar": "تصوّر عبارة «{term}» طرفًا ما ضحيةً: هل يعرض المقال رواية الطرف الآخر؟",
        "en": "“{term}” casts one side as the victim: does the article give the other side's account?",
    },
    "q_values": {
        "ar": "تستدعي عبارة «{term}» قيمًا أو هوية مشتركة: ما صلة ذلك بالوقائع؟",
        "en": "“{term}” appeals to shared values or identity: what does that have to do with the facts?",
    },
    "q_exaggeration": {
        "ar": "هل تضخّم عبارة «{term}» ما حدث أو تهوّن منه؟ ما الأرقام أو الوقائع التي يذكرها المقال؟",
        "en": "Does “{term}” inflate or shrink what happened? What figures or facts does the article give?",
    },
    "q_name_calling": {
        "ar": "تَسِم عبارة «{term}» طرفًا بلقب: ما الاسم الذي كان يمكن استخدامه بدلًا منها؟",
        "en": "“{term}” brands someone with a label: what plain name could have been used instead?",
    },
    "q_repetition": {
        "ar": "لماذا يكرر المقال الجملة نفسها؟ وما أثر التكرار في القارئ؟",
        "en": "Why does the article repeat the same sentence? What does the repetition do to the reader?",
    },
    "q_one_source": {
        "ar": "لا يُنقل الكلام إلا عن {speaker}. مَن غيره كان يمكن أن يُسأل؟",
        "en": "Only {speaker} is quoted or cited. Who else could have been asked?",
    },
    "q_no_source": {
        "ar": "لا يُنسب أي كلام إلى مصدر مسمّى. من أين تأتي المعلومات؟",
        "en": "No one is cited by name. Where does the information come from?",
    },
    "q_outlet_voice": {
        "ar": "معظم الكلمات المشحونة من كلام الموقع نفسه لا من كلام المتحدثين. هل هذا خبر أم رأي؟",
        "en": "Most loaded words are the outlet's own, not its speakers'. Is this news or opinion?",
    },
    "q_other_side": {
        "ar": "كيف كانت وسيلة إعلام من الطرف الآخر ستروي الأحداث نفسها؟",
        "en": "How would an outlet on the other side tell the same events?",
    },
    # -- method and limits -------------------------------------------------------
    "method_how": {
        "ar": "تُرصد أساليب التأطير بقوائم كلمات منشورة (لكل كلمة فئتها ووزنها وبديلها المحايد) وبقواعد "
              "صغيرة (علامات التنصيص، الأسئلة البلاغية، التعميم، التكرار). أما الموقف والإقناع فتقدّرهما نماذج "
              "إحصائية خطية من أنماط الكلمات، وتُعرض الكلمات التي رجّحت كل تقدير.",
        "en": "Framing devices are found with published word lists (each word with its category, weight and "
              "neutral alternative) and small rules (quotation marks, rhetorical questions, generalisations, "
              "repetition). Stance and persuasion are estimated by linear statistical models from word patterns; "
              "the words that weighed most are shown with each estimate.",
    },
    "method_model": {"ar": "النموذج: {recipe}", "en": "Model: {recipe}"},
    "method_model_file": {"ar": "ملف النموذج: {file}", "en": "Model file: {file}"},
    "method_lexicon": {"ar": "قوائم الكلمات: {lexicon}", "en": "Word lists: {lexicon}"},
    "method_version": {"ar": "إصدار الأداة: {tool}", "en": "Tool version: {tool}"},
    "method_recipe_default": {
        "ar": "النموذج الافتراضي، مدرَّب على مدوّنة الأداة الصغيرة (مقالات كتبها فريقها)، للموقف والإقناع بالعربية والإنجليزية",
        "en": "the default model, trained on the tool's own small corpus (articles written by its team), "
              "for stance and persuasion in Arabic and English",
    },
    "method_no_model": {"ar": "لم يُستخدم نموذج لهذا التقرير.", "en": "No model was used for this report."},
    "method_card_intro": {
        "ar": "دقة النموذج الافتراضي على أخبار حقيقية (كما قاستها تجارب الأداة):",
        "en": "Accuracy of the default model on real news (as measured by framing's experiments):",
    },
    "method_card_row": {"ar": "{dataset}: {metric} = {value}", "en": "{dataset}: {metric} = {value}"},
    "method_card_missing": {
        "ar": "الدقة على أخبار حقيقية: لم تُقَس بعد. لذا عامل تقديرات الموقف والإقناع على أنها تخمين أولي.",
        "en": "Accuracy on real news: not measured yet. Treat the stance and persuasion estimates as rough guesses.",
    },
    "limits_heading": {"ar": "ما لا تستطيع الأداة معرفته", "en": "What the tool cannot know"},
    "limit_irony": {
        "ar": "السخرية والتهكم: قد تعني الكلمة عكس ظاهرها.",
        "en": "Irony and sarcasm: a word may mean the opposite of what it says.",
    },
    "limit_facts": {
        "ar": "صحة الوقائع: لا تتحقق الأداة مما إذا كان ما يقوله المقال صحيحًا.",
        "en": "Facts: the tool does not check whether what the article says is true.",
    },
    "limit_context": {
        "ar": "السياق خارج النص: الأحداث السابقة وما تنشره الوسيلة في مواضع أخرى وما يعرفه القارئ.",
        "en": "Context outside the text: earlier events, what the outlet publishes elsewhere, what readers already know.",
    },
    "limit_translation": {
        "ar": "الترجمة: إن كان المقال مترجمًا فقد تكون الكلمات المشحونة من اختيار المترجم لا الكاتب.",
        "en": "Translation: in a translated article, loaded words may be the translator's choice, not the author's.",
    },
    "limit_words": {
        "ar": "الكلمة المدرجة ليست ظالمة دائمًا: قد تكون «مجزرة» الوصف الدقيق لما حدث.",
        "en": "A listed word is not always unfair: “massacre” may be the accurate word for what happened.",
    },
    "limit_stance": {
        "ar": "الموقف تقدير إحصائي من أنماط الكلمات، يخطئ كثيرًا في الفقرات القصيرة أو المعقدة.",
        "en": "Stance is a statistical estimate from word patterns; it often errs on short or complex paragraphs.",
    },
    "footer": {
        "ar": "أُنشئ بأداة {tool}. تعمل هذه الصفحة دون اتصال ولا تحمّل شيئًا من الإنترنت.",
        "en": "Made with {tool}. This page works offline and loads nothing from the internet.",
    },
    # -- reasons (model features in plain words) ---------------------------------
    "rs_target": {"ar": "الطرف", "en": "the target"},
    "rs_other": {"ar": "طرف آخر", "en": "another actor"},
    "rs_in_tsent": {"ar": "{what} في جملة الطرف", "en": "{what} in the target's sentence"},
    "rs_twin": {"ar": "{what} قرب الطرف", "en": "{what} near the target"},
    "rs_voice_outlet": {"ar": "{what} بصوت الموقع", "en": "{what} in the outlet's own words"},
    "rs_voice_quote": {"ar": "{what} في اقتباس", "en": "{what} in a quotation"},
    "rs_voice_attributed": {"ar": "{what} في كلام منقول", "en": "{what} in reported speech"},
    "rs_no_mention": {"ar": "الطرف غير مذكور في الفقرة", "en": "the target is not named in the paragraph"},
    "rs_base_rate": {"ar": "لا دليل في الفقرة على هذا التصنيف: هو المعدل العام للنموذج",
                     "en": "no evidence for this label in the paragraph: the model's base rate"},
    "rs_mentioned": {"ar": "الطرف مذكور", "en": "the target is named"},
    "rs_mentions": {"ar": "عدد مرات ذكر الطرف", "en": "how often the target is named"},
    "rs_other_mentioned": {"ar": "أطراف أخرى مذكورة", "en": "other actors are named"},
    "rs_neg_near": {"ar": "نفي قرب الطرف", "en": "a negation near the target"},
    "rs_t_is_speaker": {"ar": "الطرف يتكلم بصوته", "en": "the target speaks (its own words)"},
    "rs_t_in_reported_speech": {"ar": "الطرف في كلام منقول", "en": "the target appears in reported speech"},
    "rs_before_1": {"ar": "«{w}» قبل الطرف مباشرة", "en": "“{w}” right before the target"},
    "rs_after_1": {"ar": "«{w}» بعد الطرف مباشرة", "en": "“{w}” right after the target"},
    "rs_before": {"ar": "«{w}» قبل الطرف", "en": "“{w}” before the target"},
    "rs_after": {"ar": "«{w}» بعد الطرف", "en": "“{w}” after the target"},
    "rs_target_is": {"ar": "الطرف هو {w}", "en": "the target is {w}"},
    "rs_word": {"ar": "«{w}»", "en": "“{w}”"},
    "rs_pol_positive": {"ar": "كلمات مدح أو نجاح", "en": "praise or success words"},
    "rs_pol_negative": {"ar": "كلمات لوم أو فشل", "en": "blame or failure words"},
    "rs_pol_tsent": {"ar": "{what} في جملة الطرف", "en": "{what} in the target's sentence"},
    "rs_pol_twin": {"ar": "{what} قرب الطرف", "en": "{what} near the target"},
    "rs_pol_t_speaks": {"ar": "{what} في كلام الطرف نفسه", "en": "{what} in the target's own words"},
    "rs_pol_quoted_about_t": {"ar": "{what} في كلام منقول عن الطرف", "en": "{what} in reported speech about the target"},
    "rs_pol_quiet": {"ar": "لا مدح ولا لوم ولا ألفاظ مشحونة في جملة الطرف",
                     "en": "no praise, blame or loaded words in the target's sentence"},
}

# Category names, short labels and what each device does.
_CATEGORY_TEXT = {
    "loaded_language": (("لغة مشحونة", "loaded language"), ("مشحونة", "loaded"),
                        ("كلمات انفعالية تُصدر حكمًا وهي تصف", "emotive words that pass judgement while they describe")),
    "name_calling": (("وصم بالألقاب", "name calling"), ("وصم", "label"),
                     ("ألقاب تَسِم شخصًا أو جماعة بدل تسميتهم", "labels that brand a person or group instead of naming them")),
    "exaggeration": (("تهويل أو تهوين", "exaggeration"), ("مبالغة", "exagg."),
                     ("تضخيم ما حدث أو التقليل منه", "inflates or shrinks what happened")),
    "fear_threat": (("تخويف", "appeal to fear"), ("تخويف", "fear"),
                    ("يستدعي الخطر والقلق والتهديد", "appeals to danger, alarm and threat")),
    "doubt_distancing": (("تشكيك وتبرؤ", "doubt or distancing"), ("تشكيك", "doubt"),
                         ("يشكّك في ادعاء أو يُبعد الكاتب عنه", "casts doubt on a claim or distances the writer from it")),
    "certainty": (("جزم", "certainty"), ("جزم", "certain"),
                  ("يقدّم الأمر كأنه محسوم ويغلق باب النقاش", "presents a point as settled and closes debate")),
    "victimhood": (("تصوير الضحية", "victimhood"), ("ضحية", "victim"),
                   ("يصوّر طرفًا كأنه المظلوم المستهدف", "casts one side as the wronged target of others")),
    "values_flag": (("استدعاء القيم والهوية", "flag-waving"), ("قيم", "values"),
                    ("يستدعي الوطن والدين والشرف والقيم المشتركة", "appeals to nation, faith, honour and shared values")),
    "scare_quote": (("علامات تنصيص تشكيكية", "scare quotes"), ("تنصيص", "quotes"),
                    ("يضع كلمة بين علامتي تنصيص ليتبرأ منها أو يسخر منها",
                     "puts a term in quotation marks to distance the writer from it or mock it")),
    "rhetorical_question": (("سؤال بلاغي", "rhetorical question"), ("سؤال", "question"),
                            ("سؤال بصوت الموقع لا ينتظر جوابًا بل يوجّه القارئ",
                             "a question in the outlet's voice that steers rather than asks")),
    "generalisation": (("تعميم", "generalisation"), ("تعميم", "general"),
                       ("يتحدث عن جماعة كاملة ككتلة واحدة", "speaks of a whole group as one block")),
    "repetition": (("تكرار", "repetition"), ("تكرار", "repeat"),
                   ("جملة يكررها المقال حرفيًا فترسخ في الذهن", "a sentence the article repeats word for word")),
    # signals: named in model reasons, never highlighted
    "hedge": (("تحوّط", "hedging"), None, None),
    "group_reference": (("إشارة إلى جماعة", "group references"), None, None),
    "neutral_report": (("أفعال إخبار محايدة", "plain reporting verbs"), None, None),
    "attribution": (("كلام منقول", "reported speech"), None, None),
    "passive_agent": (("فاعل بعد المبني للمجهول", "a passive agent"), None, None),
    "intensifier": (("تشديد", "intensifiers"), None, None),
    "exclamation": (("تعجب", "an exclamation"), None, None),
    "first_person_plural": (("ضمير المتكلمين «نحن»", "'we/our'"), None, None),
}

for _name, (_full, _short, _does) in _CATEGORY_TEXT.items():
    STRINGS[f"cat_{_name}"] = {"ar": _full[0], "en": _full[1]}
    if _short is not None:
        STRINGS[f"catshort_{_name}"] = {"ar": _short[0], "en": _short[1]}
        STRINGS[f"catdo_{_name}"] = {"ar": _does[0], "en": _does[1]}
del _name, _full, _short, _does

assert set(_CATEGORY_TEXT) == set(CATEGORIES), "every lexicon category needs report text"
assert all(_CATEGORY_TEXT[c][1] is not None for c in DEVICE_CATEGORIES), "every device needs a label"


def report_lang(article: dict) -> str:
    """The report's language: the article's, or English for an article in another language."""
    return article.get("lang") if article.get("lang") in LANGS else "en"


def tr(key: str, lang: str, /, **values) -> str:
    """The string ``key`` in ``lang`` with ``{placeholders}`` filled from ``values``.

    Raises
    ------
    KeyError
        For a key that is not in :data:`STRINGS` (a bug, never a user's mistake).
    """
    text = STRINGS[key][lang if lang in LANGS else "en"]
    return text.format(**values) if values else text
