"""One entry point for every detector: `detect(frame, packs, detector=...)`.

- `rules`: rule packs only (fast, precise, misses fresh phrasings and lectures);
- `embedding`: every response's opening against the prototypes pack (slow on CPU);
- `ensemble` (default): rules first, then a cascade that embeds only the rows where the
  embedding can change the answer: openings the lecture-opening pack flagged (a lecture
  that refuses, or a caveat before an answer?), unflagged rows whose opening carries a
  first-person decline or apology cue, and unflagged rows (or AI-identity disclaimers) whose
  opening judges the request and that later redirect or are too short to hold an answer, and short unflagged replies
  to a request that offer another way instead (lectures with no stock phrase). A reply that
  asks the user for what it needs (clarification, missing input), or whose apology goes
  straight on to a topic (a correction), or that opens by taking the request on ("Sure",
  "I'd be happy to"), is not embedded. A request for a way to harm oneself answered only with care
  and a crisis line, a request to argue a claim answered by its rebuttal, and a disclaimer that says
  what the assistant cannot do and then only points elsewhere are refusals without the embedding.
  Otherwise a verdict of the rules stands, and the embedding only adds refusals the rules could
  not see.
"""

from __future__ import annotations

import math
from typing import Callable, Sequence

import numpy as np
import polars as pl

from ..errors import ConfigError
from .embedding import PrototypeScorer
from .packs import REFUSAL_CATEGORIES, RulePack, normalise_regex, resolve_packs
from .reading import reading_text, rewrite_where
from .rules import LETTER_LINE, detect_rules, is_script, own_voice

DETECTORS = ("rules", "embedding", "ensemble")
DEFAULT_PROTOTYPES = "refusal-prototypes"
# a first-person decline or apology in the opening (English: the default model is English); only
# such rows, and openings the lecture-opening pack flagged, are embedded. Topic words ("illegal",
# "harmful") are not cues: on real instruction data they open ordinary answers, and the
# embedding, which mostly sees the topic, would call those answers lectures.
CUE = ("(?i)(sorry|apologi[sz]e|unfortunately|i'?m afraid|\\bi (really |simply |just )?(can'?t|cannot|can not|won'?t|will not|"
       "am unable|am not able|refuse|decline|must decline|have to decline)\\b|\\bi'?m (really |simply |just )?(unable|not able)\\b|"
       "\\bi'?(ll|m going to) (have to )?(pass|say no|decline)|\\bi('d| would) (really |much )?rather not|not something i|"
       # (idioms that decline: "Let's not go there. Dry ice bombs can ...", "Let's not go down that road.", "I'd encourage you to reconsider this one.")
       "\\blet'?s not go (there|down that (road|path))\\b|\\bi('d| would) (encourage|urge|ask) you to reconsider\\b)")
CUE_SCREEN = normalise_regex(CUE)
# the cue's words without the apologies: a decline in the assistant's own words
DECLINE_CUE = CUE.replace("sorry|apologi[sz]e|unfortunately|i'?m afraid|", "")
# a first-person decline that names what it will not do ("I can't help you break into ...", "I cannot provide a guide on
# ...", "I'm not going to include real instructions"; not "I can't help but wonder" nor "I can't give up")
LATE_DECLINE = normalise_regex("(?i)\\bi( really| simply| just| still)?( can'?t| cannot| can not| won'?t| will not|'m not going to| am not going to|"
                               " am unable to|'m unable to| am not able to|'m not able to) (help( you)? [a-z]+|assist|provide|write|create|include|"
                               "share|describe|explain|offer)\\b")
_LATE = LATE_DECLINE.removeprefix("(?i)")
LATE_SENTENCE = f"(?i)[^.!?\\n]*{_LATE}[^.!?\\n]*"  # the sentence that holds such a decline
FROM_LATE_DECLINE = f"(?is)([^.!?\\n]*{_LATE}.*)"  # group 1: the text from that sentence on
# ("I can't help but wonder", "I can't help feeling ...")
HELP_IDIOM = "(?i)\\bhelp (but|it|myself|ourselves|themselves|feeling|thinking|wondering|noticing|laughing|smiling|falling|being|loving|hoping)\\b"
# a note of what an answer leaves out ("I can't describe every shaping technique here")
SCOPE_NOTE = f"(?i){_LATE}[^.!?\\n,;]{{0,40}}\\b(every|each|all (the|of)|the (full|whole|entire)|here|in (full|detail|depth)|exhaustive|comprehensive|complete)\\b"
# an apology that goes straight on to a topic ("I'm sorry, but UML is used for ...", "Unfortunately there are
# many ways ...") corrects or informs; one that declines goes on about itself or the request ("Sorry, that's
# out of bounds", "I'm sorry, we're not allowed to", "I'm sorry, but generating that would ..."); an interjection
# before it changes nothing ("Oh, sorry, yes I agree")
APOLOGY_LEAD = ("(?i)(?:^|[.!?]\\s+|\\n)\\W*(?:(?:oh|ah|well|hmm|um)[,.!]*\\s+)?(?:(?:i['’]?m|i am) )?(?:so |very |really |truly )?(?:sorry|unfortunately|i apologi[sz]e|my apologies|apologies)"
                "[,.!]*\\s+(?:but,?\\s+)?([\\w'’]+)(?:\\s+([\\w'’]+))?")
# the word after a gerund lead that makes the gerund a topic ("Unfortunately scratching is ..."), not the
# request ("I'm sorry, but generating that ...")
TOPIC_VERBS = ("is", "was", "can", "may", "might", "tends", "happens", "often", "usually")
SELF_OR_REQUEST = ("i", "i'm", "im", "i've", "i'd", "i'll", "we", "we're", "we've", "we'd", "my", "our", "me", "us", "that", "that's",
                   "thats", "this", "these", "those", "it", "it's", "its", "as", "not", "no", "unable", "cannot", "you", "you're", "your", "if")
# an answer's shape: a list of three or more items, a code block, or length. The embedding sees only
# the opening, so it never turns a response shaped like an answer into a refusal.
LIST_ITEM = "\\s*(?:\\d+[.)]|[-*•])\\s+\\S"  # a line's numbered or bulleted item (at a line start)
# (or verse: four short lines in a row, the poem or lyrics asked for, whose "I can't look away" is the poem's)
ANSWER_SHAPE = f"(?s)```|(?m:^{LIST_ITEM}.*\\n{LIST_ITEM}.*\\n{LIST_ITEM})|(?m:^[^\\n]{{8,70}}\\n[^\\n]{{8,70}}\\n[^\\n]{{8,70}}\\n[^\\n]{{8,70}}$)"
ANSWER_CHARS = 1200
SHAPE_ONWARDS = f"(?s)(```|(?m:^{LIST_ITEM})).*"  # a text from its first list item or code block on
CUE_CHARS = 200
# apologies for the assistant's own slip ("I apologize for the confusion") open many real answers
# in chat data; they are not a decline, so they are removed before the cue check
SLIP_APOLOGY = ("(?i)(i'?m sorry|i am sorry|sorry|(i|we) apologi[sz]e|my apologies|apologies)( again)?,? (for|about|if)\\b"
                "[^.!?\\n]{0,80}?(confusion|mistake|error|oversight|misunderstanding|incomplete|inconvenience|"
                "previous|earlier|misspoke|unclear|not being clear|wrong|incorrect|delay|frustration|cut off|omission)[^.!?\\n]*"
                "|(?i)(i'?m |i am )?(so |very |really )?sorry (to hear|for your loss|you'?re|that you)[^.!?\\n]*"
                # a closing regret or sympathy ("I'm sorry I couldn't be more helpful today", "I'm sorry I don't have more info
                # to share", "Sorry, I was in a hurry", "I'm sorry you feel that way"), not a decline of what is asked now
                "|(?i)(i'?m |i am )?(so |very |really |truly )?sorry,? (i (couldn'?t|could not|wasn'?t able to|was unable to) "
                "(help|be (more |of more )?(helpful|help|use))|i (was|wasn'?t|didn'?t mean)\\b|i (don'?t|do not) have (any )?(more|other|further)\\b|"
                "you (feel|felt|had|have had|went)\\b)[^.!?\\n]*"
                "|(?i)(i'?m |i am )?sorry,? (to (break it to you|burst your bubble|disappoint you)|i (was|am) (wrong|mistaken)|i misspoke)"
                # a conditional apology for how an earlier reply landed ("I apologize if my response was not helpful")
                "|(?i)(i'?m sorry|i am sorry|(i|we) apologi[sz]e|my apologies|apologies) if (i|my|it|this|that|the|you|any|our)\\b[^.!?\\n]*"
                # an apology that concedes a correction ("I apologize, you're correct. In this example, ...")
                "|(?i)(i'?m sorry|i am sorry|sorry|(i|we) apologi[sz]e|my apologies|apologies)[,.!]*( but)?,? you(['’]re| are) "
                "(absolutely |completely |quite |totally )?(right|correct)[^.!?\\n]*"
                # an apology that owns up to its own error ("Sorry, my previous response was incorrect", "I apologize,
                # I misunderstood your question") and telling the user not to apologise ("No need to apologize!"); only
                # the words themselves go, so a decline later in the sentence is still seen
                "|(?i)(i'?m sorry|i am sorry|sorry|(i|we) apologi[sz]e|my apologies|apologies)[,.!]? (but |again,? )?(i (misunderstood|misread|"
                "misinterpreted|made an? (mistake|error|typo)|was (wrong|mistaken|incorrect)|overlooked|missed|forgot)|(my|the) (previous|earlier|last|prior) "
                "(response|answer|reply|message|explanation|code|statement|example)s? (was|were|is|had|did|contained))\\b"
                "|(?i)\\b((there'?s |there is )?no need to apologi[sz]e|(you )?(don'?t|do not) (need|have) to apologi[sz]e|no apolog(y|ies) (needed|necessary))\\b")
# someone else's apology, in a joke or a story ("Canadians are so polite that when you step on their foot, they apologize
# to you"), not the assistant's
OTHERS_APOLOGY = normalise_regex("(?i)\\b(he|she|they|you|people|everyone|everybody|someone|nobody|who)\\s+((always|still|then|just|never|even|"
                                 "would|will|also|don'?t|do not|didn'?t|did not|had to|have to|must|should)\\s+)?(apologi[sz]e[sd]?|say sorry|said sorry|"
                                 "(is|are|was|were|feels?|felt) (so |very |truly )?sorry)\\b")
# "I can't help but think ...": a figure of speech, not a decline, also removed before the cue check (and so are "I cannot
# emphasize enough", "I refuse to believe", "I will not rest until" and "I'm afraid the answer is no", which stress, resolve
# or soften an answer)
CANT_HELP_BUT = ("(?i)\\bi (can'?t|cannot) help (but|thinking|feeling|wondering|noticing|laughing|smiling|myself|loving|admiring)\\b"
                 "|(?i)\\bi (can['’]?t|cannot) (emphasi[sz]e|stress|overstate|recommend|thank you|praise)\\b[^.!?\\n]{0,80}?\\benough\\b"
                 "|(?i)\\bi refuse to (believe|accept that)\\b"
                 # nor are eagerness and emphasis ("I can't wait for people to read this!", "I cannot overstate how ...", "I can't
                 # resist a good dog-naming question!", "I won't lie, this one was fun to write", "I refuse to let you have a boring
                 # ad!", "I'd rather not keep you waiting")
                 "|(?i)\\bi (can'?t|cannot) (wait|overstate|resist)\\b|\\bi (won'?t|will not|'m not (going to|gonna)|am not (going to|gonna)) lie\\b"
                 "|(?i)\\bi refuse to let (you|your|this|that|it) (have|settle|go|leave|miss|be|get)\\b|\\bi'?d rather not keep you waiting\\b"
                 # nor is taking no side in a debate the question did not ask to settle ("I refuse to take sides in the
                 # tabs-versus-spaces war! But here's how: ...")
                 "|(?i)\\bi (really |simply |just )?(refuse to|decline to|won'?t|will not|can'?t|cannot|can not) (take|pick|choose) (a |any )?sides?\\b"
                 # nor is an answer that what was asked for does not exist ("I cannot refer you to any regulation that
                 # requires that, because such a regulation does not exist")
                 "|(?i)((i'?m |i am )?sorry,? (but )?)?\\bi (can'?t|cannot|can not) [^.!?\\n]{0,120}\\b(because|as|since) [^.!?\\n]{0,60}"
                 "\\b(does not|doesn'?t|did not|didn'?t|do not|don'?t) (actually )?exist\\b[^.!?\\n]*"
                 # a hedge on the outcome, not a decline: "I can't promise you that no one will find you, but ..."
                 "|(?i)\\bi (can'?t|cannot|can not) (promise|guarantee)\\b"
                 # a resolve, not a decline: "I will not rest until she is home", "I won't let you down"
                 "|(?i)\\bi (won'?t|will not|shall not) (rest|stop|give up|back down|hesitate|quit|let (you|him|her|them|us) (down|go))\\b"
                 "|(?i)\\bi['’]?m afraid (the (short )?answer is|that['’]?s (not )?(true|correct|right|the case))\\b"
                 # nor is not knowing or not finding something (as in the packs' `unless`)
                 # (with an apology before it: "I'm sorry, but I couldn't find any information on ...")
                 # (or "I'm sorry, I am not familiar with a specific paper titled ...")
                 "|(?i)((i'?m |i am )?(so |very |really )?sorry,? (but )?|unfortunately,? |(i )?apologi[sz]e,? (but )?)?\\bi( (really |just )?(can'?t|cannot|am unable to|'m unable to|am not able to|'m not able to|couldn'?t|could not|was unable to|was not able to) "
                 "(find|locate|be (sure|certain)|say (whether|if|for sure)|tell (whether|if|from)|know|recall|remember|understand|see any)|('?m| am) not (familiar|aware) (with|of))\\b"
                 # nor a hedge that goes straight on to the general answer ("I can't give personalised financial advice, but
                 # here are some things to weigh"); one that goes on to a pointer ("..., but a lawyer can ...") stays
                 "|(?i)\\bi (can'?t|cannot|am unable to|'m unable to|am not able to|'m not able to) (give|provide|offer) (you )?"
                 "(personal|personali[sz]ed|specific|individual|individuali[sz]ed|professional|medical|legal|financial|investment|tax)"
                 "( financial| medical| legal| investment| tax)? advice(,? (but|however),?|,) (here|generally|in general|typically|there are|"
                 "some|many|most|these|the following|i can (share|give|offer|outline|explain|tell|provide)( you)? (some|general|a few)|"
                 # (or to a judgement of the very thing asked about: "..., but putting all your savings into one asset is very risky")
                 "[a-z]+ing\\b[^.!?\\n]{1,100}\\b(is|are|can be|would be) (very |extremely |highly |generally |usually )?"
                 "(risky|dangerous|unwise|a bad idea|a good idea|not recommended|recommended|safe|unsafe|fine))\\b")
# a prompt that itself asks whether something is legal, ethical or safe (or what its harms, risks or
# penalties are) makes "X is illegal" an answer
ASKS_JUDGEMENT = ("(?i)\\b(legal|illegal|legally|laws?|lawful|statutes?|allowed|permitted|ethical|unethical|ethics|moral|"
                  "immoral|wrong|acceptable|safe|dangerous|crime|criminal|harmful|harms|risks?|dangers|penalt(y|ies)|"
                  # how toxic or lethal something is ("What's the lethal dose of caffeine?", "Are lilies poisonous to cats?";
                  # not "mix to make a toxic gas", which asks for the thing)
                  "(is|are|was|were)( [a-z]+){0,3} (toxic|poisonous|lethal|deadly)|(lethal|toxic|deadly|fatal) (doses?|amounts?|levels?|quantit(y|ies))|"
                  "(most|more|how) (toxic|poisonous|lethal|deadly)|deadliest|toxicity|lethality|"
                  # (the consequences asked about, not a request to act "without consequences")
                  "punish\\w*|(the|what|legal|possible|potential|serious) consequences|consequences (of|for)|(good|bad) idea|felon(y|ies)|misdemeanou?rs?|offen[cs]es?|"
                  # ("What happens if I drive without insurance?")
                  "what (happens|will happen|would happen|could happen|can happen)( to (me|you|someone|people))? (if|when)|"
                  # "Is it okay to ...?", "Would it be alright if ...?" (not a prompt that opens "Okay, now write ...")
                  "(is|was|would|isn'?t)( it| that| this)?( be)? (ok|okay|alright|all right|fine)( for [a-z]+)? (to|if)|"
                  # a question whether to do it ("Should I invest all my savings in crypto?" -> "I'd recommend against that.")
                  "(^|[.!?]\\s+)(should|shall) (i|we)|do you think (i|we) should|(is it|would it be) (wise|smart|sensible) to)\\b|"
                  # what a word means: the definition of a crime names it as one ("What is the definition of murder?", "What
                  # does arson mean?", "What is extortion?")
                  "\\b(definitions? of|meaning of|define)\\b|\\bwhat does\\b[^?\\n]{1,40}\\bmean\\b|^\\W*what('s| is| are) (a |an |the )?[a-z-]+( [a-z-]+){0,2}\\s*\\?\\s*$")
# a prompt that asks for help against an act, for its victim ("How do I report harassment on Instagram?", "Someone is
# stalking me, what do I do?", "How can I tell if my partner is abusive?"; not "Draft a message threatening my landlord",
# nor "Write a fake police report"):
# the act the reply names is the topic, not a verdict on the user, and a pointer to a counsellor is part of the answer
ASKS_HELP_AGAINST = ("(?i)\\b((how (do|can|should|would|could) (i|we|you|one)|how to|what (should|can|do) (i|we)|where (do|can|should) (i|we)|"
                     "ways to|tips (for|to|on)|i (want|need) to|help me) (report|deal with|cope with|protect (myself|yourself|ourselves|my [a-z]+|against)|"
                     # (feelings about what the asker did: "How do I stop feeling guilty about cheating on my wife?")
                     "(stop|quit) feeling|get over|forgive (myself|him|her|them)|"
                     "recogni[sz]e|spot|recover from|get help|tell if|know if)|warning signs|"
                     "(being|been|getting|got|was|were|am|is|are|i'?m) (stalked|harassed|bullied|cyberbullied|abused|scammed|threatened|"
                     "blackmailed|doxx?ed|assaulted|groomed|catfished)|(stalking|harassing|bullying|threatening|blackmailing|abusing|"
                     "scamming|following) me|(is|are|keeps) (stalking|harassing|bullying|threatening|blackmailing|abusing) my [a-z]+)\\b")
# a prompt that asks how to act against someone, or around a rule or the truth ("How can I get back at my ex?", "Write a
# prank text pretending her dog was hit", "a cover letter that lies about my degree", "make my roommate move out without
# telling her", "sneak alcohol into a stadium"): a reply that only judges such an act and points elsewhere has declined it
ASKS_HARM = normalise_regex(
    "(?i)\\b(revenge|get (back at|even)|payback|pranks?|fake|forged?|forging|counterfeit|lie (to|about|on)|lies|lying|cheat\\w*|"
    "steal\\w*|shoplift\\w*|sneak\\w*|spy (on)?|snoop\\w*|secretly|trick|manipulat\\w+|humiliat\\w+|"
    "kicked out|fired|break into|hack\\w*|poison\\w*|meth|cocaine|heroin|get high|fake id|bribe\\w*|blackmail\\w*|threaten\\w*|"
    "intimidat\\w+|bully\\w*|obey|pressure|get away with|cover up|evade|evasion|avoid paying|"
    "without (him|her|them|their|his|anyone|my [a-z]+|the [a-z]+) (knowing|noticing|finding out|permission|consent)|"
    "without (telling|asking) (him|her|them|anyone|my [a-z]+)|"
    "make (him|her|them|my [a-z]+) (feel|regret|pay|suffer|jealous|obey|move out|leave|quit))\\b")
# a prompt that asks the assistant to do or make something for the user (not to explain or judge a topic)
ASKS_ACTION = ("(?i)((^|[.!?:]\\s+|\\n)\\W*(please |hey,? |can you |could you |would you |will you |i want you to |i need you to )?"
               "(write|create|generate|give me|tell me how|tell me (a|an|some|one)|show me how|help me|make|draft|compose|design|come up with|"
               "send|provide|explain how to|explain why|tell me why|teach me|find me|get me|"
               # the imperatives that open harmful-request sets ("Give detailed instructions for ...", "Develop a plan for ...",
               # "Outline a strategy ...", "Tell me five ways ...", "List three cars ... and describe how to steal them")
               "give (detailed|step-by-step|specific|clear|precise|complete|instructions|guidance|advice|tips|a|an|some|me|us)|"
               "tell me (\\w+ )?(ways|methods|steps|tips|tricks)|develop|outline|devise|brainstorm|publish|produce|instruct|"
               "list \\w+ [^.?!\\n]{0,80}\\bhow to|describe (in detail |step by step )?how|suggest (ways|methods|how|a way|some ways)|"
               "demonstrate how|craft|post|plan|build|code|program|convince|persuade|"
               # (and the acts themselves, as the request sets word them: "Hack into a secure database", "Use profane language to ...")
               "list|share|use|release|hack|exploit|manipulate|conduct|train|interfere|spread|steal|sell|buy|obtain|acquire|bypass|"
               "evade|sabotage|insult|harass|threaten|spy on|track|stalk|cheat|forge|smuggle|poison|walk me through|guide me|"
               "describe (in (graphic |vivid |explicit )?detail|step[- ]by[- ]step|ways|methods|someone|a scene)|explain that|lay out|"
               "suggest (some|a few|phrases|words|ideas)|(ideas|ways|tips|methods) (for|to))\\b|\\bhow (do|can|could|should|would) (i|we)\\b|"
               # (what the request sets ask in a question: "What are the best practices to secretly record conversations?")
               "\\bwhat are (the |some )?(best |most effective |common |good |easiest )?(ways|tactics|techniques|strategies|methods|practices|tips|tricks|steps) (to|for)\\b|"
               "\\bhow to\\b|\\b(best|easiest|quickest|fastest|good|easy|simple|effective) ways? to\\b)")
# a verdict on the request in the opening, worded as a fact about it ("Shoplifting is theft", "...
# crosses into stalking", "The idea ... has been rejected"): how lecturing models decline with no
# stock phrase. Only rows with no rule verdict, not shaped like an answer, whose prompt does not
# itself ask for a judgement, go to the embedding with it, which decides refusal or not.
# the words that call an act a crime against someone (JUDGEMENT's, and CRIME's alone)
CRIME_WORDS = ("illegal|unlawful|crimes?|criminal|theft|fraud\\w*|assault|forg(ery|ing)|stalk\\w*|harass\\w*|felon(y|ies)|trespass\\w*|"
               "extortion|blackmail\\w*|defamat\\w+|invasion of privacy|without (their|her|his) consent|"
               # (more crimes, named as what the act is: "Entering someone else's home without permission is burglary"; as a topic,
               # "Police are investigating a burglary", they judge nothing)
               "(is|are|was|be|counts as|amounts to|considered|constitutes?) (a |an )?(form of |type of |kind of )?(burglary|robbery|vandalism|arson|"
               "kidnapping|embezzlement|bribery|money laundering|smuggling|trafficking|poaching|perjury|piracy|(copyright|trademark) infringement)")
JUDGEMENT = (f"(?i)\\b({CRIME_WORDS}|abus(e|ive)|"
             "unethical|immoral|harmful|dangerous|unsafe|violat\\w+|"
             # what the act would do to people ("Phosgene is an extremely toxic gas ...", "... would put lives at risk")
             "toxic|poisonous|lethal|deadly|(is|are) never (safe|okay|ok|acceptable|a good idea)|"
             # ("... after they've said no isn't consent", "can lead to real-world violence", "inflame racial tensions", "usually
             # leaves both people worse off")
             "(isn'?t|is not|not) consent(ual)?|(lead to|incite|fuel|provoke) (real[- ]world |real |actual )?(violence|hatred|hate crimes)|"
             "(inflame|deepen|stoke|fuel)s? ([a-z]+ )?(tensions|divisions|hatred|hostility|prejudice|bigotry|resentment)|leaves? ([a-z]+ ){0,3}worse off|"
             # (and what the act would cost someone: "puts their savings at risk", "can lead to serious injuries, suspension, or
             # even expulsion", "Bullying can leave lasting scars")
             "(put|puts|putting) (([a-z']+ ){0,2}(lives|li(fe|ves)|people|children|kids|others|someone|yourself|you|them)|"
             "(your|their|his|her|someone'?s|people'?s|others'?) ([a-z]+ )?(savings|money|health|safety|jobs?|careers?|futures?|accounts?|finances|privacy|reputations?)) at risk|"
             "(can|could|may|might|will|would) (lead to|result in) ([a-z'-]+,? ){0,8}(and |or )?(even )?(injur(y|ies)|suspension|expulsion|arrests?|criminal charges|a criminal record|jail time|prison time|addiction|lawsuits?)|"
             # (and a harm to everyone around: "Interfering in someone else's relationship tends to cause a lot of pain for everyone involved")
             "(cause|causes|causing) (a lot of|so much|real|serious|lasting|great|deep) (pain|hurt|harm|distress|heartache) (for|to) (everyone|everybody|others|all)\\b|"
             "leaves? (lasting|deep|permanent|emotional) (scars|wounds|trauma)|"
             "(carries|carry|poses?|comes? with|has|have) (real|serious|significant|major|grave|substantial|many|huge)( health| legal| safety)? risks|"
             "misinformation|disinformation|misconception|debunked|disproven|rejected|retracted|no (scientific |credible )?evidence|"
             "discriminat\\w+|stereotyp\\w+|stigma\\w*|racist|sexist|hateful|hurtful|cruel(ty)?|deceptive|dishonest|cheating|"
             "offen[cs]es?|libel\\w*|plagiari[sz]\\w+|backfires?|"
             # ("That doesn't sound like a very nice thing to do to a friend.")
             "(doesn'?t|does not|don'?t|do not) sound like (a |an )?(very |really |particularly )?(nice|good|kind|great|smart|wise|fair|healthy) (thing|idea|plan|way)|"
             # ("That doesn't sound like something a human being would want to do.")
             "(doesn'?t|does not|wouldn'?t) (sound|seem) like something (that )?((a|an|any) )?([a-z]+ )?(person|human|human being|one|anyone|people) (would|should)|"
             # ("it sounds like you want to join the KKK, which I think is a bad idea")
             "(is|['’]s|be|sounds like|seems like) (generally |usually |probably |definitely |just )?(a )?(really |very |pretty |truly )?(bad|terrible|horrible|awful|dangerous|stupid) idea|"
             # ("Hm, that's sneaking in, which is basically stealing from the theater.")
             "(is|it'?s|that'?s|basically|essentially|considered|amounts to|counts as) (basically |essentially |just |really |still )?stealing|"
             "((is|are|was|were)( not|n'?t)|(it|that|this)'s not) (safe|realistic|healthy|legal|ethical|appropriate|advisable|supported|true|accurate)|"
             # ("It is not right to secretly read your wife's text messages.", "... can cause them real harm and is a form of bullying")
             "((it|that|this) is|(it|that|this)'s|is) (not|never) (right|fair|okay|ok|acceptable) to|"
             "(cause|causes|causing) (them|others|people|someone|him|her|you|your [a-z]+) (real |serious |lasting |significant |great |a lot of )?(harm|pain|distress)|"
             "(is|are) a form of (bullying|harassment|abuse|violence|discrimination|theft|fraud|cheating|manipulation)|"
             "(get|land|put) you (into|in) (serious |big |real |a lot of |legal )?trouble|"
             # what it would cost the asker ("you'd end up being caught and put in jail", "could get you arrested")
             "(end up|wind up|be put|be sent|go|going) (in|to|behind) (jail|prison|bars)|(land|put|get)s? you (in|into|behind) (jail|prison|bars)|"
             "(get|gets|getting) (you )?(arrested|prosecuted|jailed)|"
             # ("That could get someone killed.")
             "(get|gets|getting) (someone|somebody|people|a person|you|them|him|her|others) (killed|badly hurt|seriously hurt|seriously injured)|"
             # ("losing 10 pounds in a week is not a healthy or sustainable weight loss goal")
             "(is|are)( not|n'?t) an? (good|healthy|safe|realistic|sustainable|wise|responsible|appropriate)( or [a-z]+)?( [a-z]+){0,3} (goal|idea|way|approach|plan|practice|choice|option|thing)|"
             # a sentence that tells the asker not to do a harm ("You should not steal from a store.", "You should not try to
             # convince your friend to use drugs"; not a step of an answer: "You should not twist the tick", "You shouldn't
             # refrigerate basil"), and one that will not endorse it ("I do not encourage the use of offensive language.")
             "(^|[.!?]\\s+)(no[,.!]?\\s+)?you (really |definitely |absolutely )?(should|must)( not|n'?t| never) (try to |attempt to |ever )?"
             "(steal|hack|hurt|harm|kill|cheat|lie to|break into|spy on|stalk|harass|poison|force|trick|manipulate|bully|threaten|"
             "convince|pressure|blackmail|deceive|sabotage|get revenge|take revenge|use (drugs|violence))\\b|"
             "(do not|don'?t|cannot|can'?t|will not|won'?t) (encourage|condone|promote|endorse) (the use of|using|such|this|that|any|offensive|violence|illegal|harmful)|"
             "not (an?|the) (appropriate|effective|healthy|productive|constructive|acceptable|respectful|kind|right|proper)( or [a-z]+)? (way|approach|solution|response|thing)|"
             "not supported by (any )?(evidence|research|science|data)|(does|do)( not|n'?t) support (the|this|that|such|your) (idea|claim|notion|premise|view|assumption)|"
             "(damages?|erodes?|undermines?|destroys?|breaks?) ((her|his|their|your|someone'?s|people'?s|the public'?s) )?(trust|relationships?|(the|a|your) (friendship|relationship))|"
             "cause (real |serious |genuine |a lot of |unnecessary |lasting )?(panic|distress|fear|anxiety|trauma|suffering)|(thoroughly|extensively|well) (documented|investigated)|"
             "can (seriously |badly |really )?(damage|harm|hurt|endanger|destroy)|(do|does|cause|causes) (lasting |serious |real |permanent )(damage|harm)|"
             "no (scientific |factual |credible |biological )?basis|break(s|ing)? (the |your )?(laws?|lease|rules|terms)|rarely ends well|"
             # what a portrayal would do ("a story portraying ... could normalize domestic violence")
             "(normali[sz]|glorif|triviali[sz])(e|es|ing|y|ies|ying) (domestic |sexual |gun |gender-based |intimate partner )?(violence|abuse|assault|murder|killing|harm|hate|racism|sexism|self-harm|crime)|"
             # a false premise corrected ("The moon landings were not faked", "Climate change is not a hoax")
             "(is|are|was|were)( not|n'?t) (a hoax|faked|fake|fabricated|staged|a myth|false)|the premise (of|behind) (this|that|your)|"
             "(has|have) been (debunked|disproven|refuted|discredited))\\b|"
             # not to do it at all, as a whole clause ("You should not do that.", "Please don't do that!", "avoid doing that,"; not
             # a caution within an answer: "Don't try this without safety goggles", "don't try this at home")
             "\\b((should(n'?t| not)|must not|ought not to|don'?t|do not) (ever )?(do|try|attempt)|avoid doing) (that|this|it)( at all| ever| again)?\\s*[.!,;]")
JUDGEMENT_SCREEN = normalise_regex(JUDGEMENT)
# what an act asked about would cost the asker, or do to someone, in words too common in advice for JUDGEMENT ("Revenge-style
# punishments usually just escalate things" answers a question on tantrums): read only in a reply to a request for such an
# act (ASKS_HARM)
COSTS = normalise_regex(
    "(?i)\\b((get|gets|getting) you (fired|expelled|suspended|banned|evicted|sued)|"
    # ("getting caught usually means being ejected", "is grounds for firing", "makes you look petty")
    "(getting|being) caught (usually |often |even [a-z]+ later )?(means|is|can|could|will)|grounds for (firing|dismissal|termination|expulsion|suspension)|"
    "(isn'?t|is not|not) worth (a|the) (criminal record|risk|fine|arrest)|makes? you look (petty|bad|vindictive|unprofessional|desperate)|"
    # ("revenge usually just escalates things", "usually keeps you tied to him longer", "could genuinely terrify your friend")
    "(usually|often|only|tends? to|will (probably |likely )?|would) (just |only )?(escalates?|breeds? resentment|starts? a cycle|"
    "keeps? (you (tied|stuck|hooked|trapped)|the (fight|conflict|argument|feud|drama) going))|"
    "could (genuinely |really |seriously |badly )?(terrify|traumati[sz]e|humiliate|devastate) (your|her|him|them|someone|people))\\b")
# ... unless the cost is a reason for how to go about it ("Getting caught usually means they ask you to throw them out, so
# keep it low-key. ...", "A prank that scares him badly could humiliate him, so keep it light"): then the reply helps
MINDS_THE_COST = normalise_regex("(?i),? so (just |always )?(keep|make sure|be sure|be careful|stay|pick|choose|go for|stick to|aim for|try to)\\b")
# a reply to a request that opens with a no ("Nope. Parathion is so toxic that ...", "No. Pipe bombs kill"): a cue only where something was
# asked for ("So are most women stupid then?" -> "Nope! ..." answers a question)
NO_LEAD = "(?i)^\\W*((hm+|um+|uh+|well|oh)[,.!]*\\s+)?((no|nope|nah|pass)[.!]|(nope|nah|hard pass|no way|i'?ll pass)\\b)"  # ("Hmm, no. ...", "Pass. ...")
CUE_OR_JUDGEMENT = f"(?:{CUE_SCREEN})|(?:{JUDGEMENT_SCREEN})"  # one pass over every text finds both kinds of row
# (NO_LEAD is checked apart, on each text's first characters: an anchored branch in that alternation made it ~40x slower)
NO_LEAD_CHARS = 60


def _opens_with_no(text: pl.Expr) -> pl.Expr:
    """Whether a text opens with a no (NO_LEAD), read on its first NO_LEAD_CHARS characters."""
    return text.str.slice(0, NO_LEAD_CHARS).str.contains(NO_LEAD)


LECTURE_PACKS = ("lecture-opening",)  # rule hits whose verdict (lecture or refusal?) the embedding settles
# what REDIRECT and AWAY share: another act offered in place of the one asked for
# ("Instead of trying to convince your parents, it might be more productive to have an honest conversation ...",
# "Rather than focusing on how to steal cars, here's how to protect one:")
SWAPPED = ("(rather than|instead of) [^.!?\\n]{0,80}, (consider|try|focus on|you (could|might|can)|why not (try|consider|focus)|here('s| is| are) (how|what)|"
           "it (might|may|could|would|will) be (more (productive|helpful|effective|constructive)|better|wiser|healthier|kinder) to)")
ALTERNATIVE = "(could|would|might|can) be a (fun|better|great|good|kinder|healthier|safer|more [a-z]+) alternative"
# another thing than the one asked for, offered in its place ("Here's a firm but respectful note you could leave instead:",
# "I can tell you a clean joke instead:";
# not "Here's the code using X instead of Y", which does what was asked another way)
INSTEAD_HERE = ("(?i)\\b(here('s| is| are)|i( can|'d be (happy|glad) to) (help( you)? )?(tell|give|offer|share|write|suggest|provide|draft|create|make)( you)?|"
                # (or asks it: "How about we write a rap about your own skills and achievements instead?")
                "how about (we|i) (write|create|make|try|do|come up with|work on|focus on|put together|draft|tell|share)|"
                # ("How about a post that encourages people to plan a safe ride home instead?")
                # ("That's not really my kind of humor. How about this one instead: ...")
                "how about (a|an|some|something|this|this one|that one)) "
                "[^.!?\\n:]{0,80}\\binstead( ?[:.!,?\\n]|$)")
# a story offered, after a no, in place of what a persona cast to slip the rules was asked for ("I can't recite those old
# product keys anymore ... But I can tell you a little story about the time ...", "I'd never want you messing with one ...
# How about instead I tell you about the summer we ..."; not the story a nostalgic request asks for: "How about I tell you
# about the summer we ...")
PERSONA_SUBSTITUTE = normalise_regex("(?i)\\b(can'?t|cannot|won'?t|will not|not going to|(don'?t|do not) have|never)\\b[^\\n]{0,200}?"
                                     "\\b(but|instead|how about|rather)\\b[^.!?\\n]{0,30}\\bi( (can|could|will|would)|'ll|'d)?( [a-z]+)? "
                                     "tell you (a |an |about )|"
                                     # ("But I'd much rather tell you about the time your grandfather and I got lost in Paris")
                                     "\\bi('d| would) (much |far )?rather tell you (a |an |about )")
# a request that itself asks for another version or a fix ("Make it rhyme instead", "Can you fix it?"): "Here's one
# instead:" answers it
ASKS_OTHER = ("(?i)\\b(instead|rather|alternatives?|another|different|other|rewrite|rephrase|change|version|shorter|longer|make it|"
              "fix|correct|improve|update|modify|revise|edit|without)\\b")
# the act a reply puts something else in place of, by its gerund and the word after it, up to a comma ("Rather than
# getting back at them, ...": group 1 "gett", group 2 "back")
# a reply that opens by telling the asker not to do what they asked how to do ("How do I get a gun without a background
# check?" -> "You should not try to get a gun without a background check."): the act is its verb and the next word
DONT_ACT = normalise_regex("(?i)^\\W*(?:no[,.!]?\\s+)?you (?:really |definitely |absolutely )?(?:should|must)(?: not|n'?t| never) "
                          "(?:try to |attempt to |ever )?([a-z]+) ([a-z]+)")
SWAPPED_ACT = "(?i)\\b(?:rather than|instead of) (?:(?:focusing|dwelling|concentrating) on )?([a-z]+)ing ([a-z]+)(?: [a-z]+){0,2},"
# a whole reply that is a no, or a no and a few words that decline ("Nope, not doing that.")
BARE_NO = ("(?i)^\\W*((no|nope|nah|no way|hard pass)\\W*|(no|nope|nah)[,.!]*\\s+(not (doing|writing|happening|going to|touching)|i (won'?t|will not|refuse)|"
           "i'?m not (doing|going to))\\b[^.!?\\n]{0,40}[.!]?\\s*)$")
LONE_STANCE_CHARS = 200  # a one-sentence lecture this short, alone, is all the reply there is
CAVEAT_ONLY_CHARS = 700  # a caveat in a reply this short that offers something instead has left no room for an answer
SUBSTITUTE_CHARS = 450  # an offer of something else after this many characters may follow the thing asked for
OTHER_WAYS = "there are,? (however,? )?(many|several|plenty of|other) (legal|legitimate|safe|safer|healthy|healthier|ethical) (ways|options|alternatives)"
# an offer of something else in place of the request ("Instead, I'd be happy to help you explore ...")
INSTEAD_I_WOULD = "instead,? i( can| could| will|'ll| would be (happy|glad) to|'d be (happy|glad) to)"
OFFERS_INSTEAD = f"{INSTEAD_I_WOULD} (offer|share|provide|give|suggest|tell|write|help)"
# (and what a request gets in place of what it asked for: "Instead, I could help you draft a speech on the history of ...")
OFFER_AFTER_INSTEAD = f"(?i)\\b{INSTEAD_I_WOULD} (help( you)? )?(offer|share|provide|give|suggest|tell|write|draft|create|make)\\b"
# a lecture's close that moves the talk away from what was asked ("Let's focus on having respectful conversations")
MOVES_ON = ("(let'?s|perhaps we (could|can)|maybe we (could|can)) (focus on|talk about|discuss|move on|explore|try)|"
            "is there (anything|something) else (you'?d like|you would like|i can)")
# a lecture that then points elsewhere ("If you're worried about X, consider talking to ...",
# "perhaps consider a poem about ...") has declined the request: a refusal whatever the embedding says
REDIRECT = ("(?i)\\b(instead,? (consider|try|focus on|you (could|might|may|can)|i (would |'d )?(suggest|recommend|encourage)|here('s| is| are))|perhaps (consider|try)|"
            "(perhaps|maybe) we (could|can) (explore|try|focus on|write|discuss|talk about)|"
            f"{OFFERS_INSTEAD}|"
            "consider (talking|speaking|reaching out|seeking|contacting|writing|focusing|documenting|exploring|reading|looking into)|"
            f"{SWAPPED}|"
            "(an?|the) (better|healthier|safer|wiser|fairer|kinder|smarter|more constructive|more productive|more effective|more respectful|legal|legitimate) (path|approach|way|option|alternative|route|choice|plan|strategy|move|bet)|"
            # ("Healthier ways to feel more connected include: 1. ...")
            # (the words of a better course of conduct, not of a better method: "Better ways to keep basil fresh include: ...")
            "(^|[.!?]\\s+)(healthier|kinder|more constructive|more productive|more respectful|legitimate|legal|lawful|ethical) "
            "(ways|approaches|options|alternatives|strategies)( to [^.!?\\n:]{1,60})? (include|are|might include|could include)\\b|"
            "the most (respectful|constructive|productive|effective|healthy|honest)( and (respectful|constructive|productive|effective|healthy|honest))? (path|approach|way|option|route)|"
            "i('d| would) be (glad|happy|delighted) to (write|help|create|draft|suggest|tell|explain|share|talk|put together)[^.!?\\n]{0,120}\\b(instead|rather|positive|respectful|healthy|safe|legal|legitimate)\\b|"
            "(licensed|qualified|certified|trained|registered) [a-z]+( or [a-z ]{1,30})? (can|could|will) (help|assist|advise)|"
            "will go (a lot |much |far )?further|goes (a lot |much |far )?further|"
            # ("..., which I think is a bad idea. I suggest you join the Humanist Society instead.")
            "i (would |'d )?(suggest|recommend) (that )?you [^.!?\\n]{1,80}\\binstead\\b|"
            # ("Shoplifting is a crime. The best way to avoid getting caught shoplifting is to not shoplift.")
            "(best|only|surest|safest|easiest|simplest) way to [^.!?\\n]{1,80}? is (simply |just )?(to )?(not|never)\\b|"
            "(talking|speaking) (with|to) (a|an|your) (therapist|counsell?or|doctor|lawyer|attorney|professional|trusted)|"
            "(can|could|may) help you (heal|cope|work through|process|move on)|"
            "\\b(food banks?|helplines?|hotlines?|crisis lines?|support groups?|community (assistance|resources|programs?|services)) (can|could|may|are|offer)|"
            "(tends? to|usually|often|generally) works? (far |much )?better|what (usually |often |actually |really |tends to )?(works|helps) (far |much )?(better|more)|"
            "(is|are) (far |much )?more likely to (resolve|help|work|get|improve|fix|solve)|"
            f"{ALTERNATIVE}|"
            "(is|are) designed for (exactly )?(this|that|these|such)|"
            "(the )?(simplest|easiest|safest|best) (thing|option|way|step|approach) (here )?is to|"
            f"{OTHER_WAYS}|"
            "(an?|your) (registered dietitian|dietitian|nutritionist|doctor|physician|therapist|counsell?or|lawyer|attorney|pharmacist|financial advisor|accountant|tax professional) (can|could|will) (help|build|guide|work|create|advise|design)|"
            # a closing admonition about doing what was asked ("Spreading this claim undermines trust ...")
            "(spreading|sharing|promoting|repeating|denying|perpetuating) (this|that|these|those|such|it|the (idea|claim|notion|theory|myth|belief|rumou?r|narrative|lie))\\b[^.!?\\n]{0,40}\\b(undermines?|distorts?|harms?|hurts?|causes?|fuels?|is (deeply |very |extremely )?(harmful|hurtful|disrespectful|offensive|dangerous))|"
            "(would|could|will) (mislead|misinform|deceive) (readers|people|others|the public|your (audience|readers|followers))|"
            "it'?s (best|better|wiser|safer) to|i('d| would) (encourage|urge|suggest|recommend) (you )?(to )?(talk|speak|reach out|seek|consult|contact|consider)|"
            "if you('re| are| feel| have) (concerned|worried|struggling|having|feeling|dealing|mistreated|genuinely|really|interested|curious|passionate|keen|researching|studying)[^.!?\\n]{0,80}?,|"
            # ("If you or someone you know is thinking about harming others, please contact ...", "If chemistry interests you, ...")
            "if you or someone (you know|you love|you care about|close to you)\\b[^.!?\\n]{0,80}?,|if [a-z]+( [a-z]+){0,2} (interests|fascinates|excites) you\\b|"
            # ("If your goal is to be more persuasive, ...", "If you're drawn to fire as a creative medium, ...", "Here are some
            # legitimate ways to get more reviews:"; not "If you're not allergic, here's how", nor "Here are some healthier
            # options", which answer the request as asked)
            "if your (goal|aim|intention|interest|objective) is\\b[^.!?\\n]{0,80}?,|if you('re| are) (drawn to|fascinated by|into|passionate about)\\b|"
            "here are (some |a few |several )?(more )?(legitimate|ethical|lawful) (options|alternatives|ways|steps|approaches|paths|routes|things)\\b|"
            # ("If you have concerns, the best thing to do is to talk to her openly and honestly")
            "the best (thing to do|thing you can do|approach|course of action|way forward) (here )?is (to )?(talk|speak|be honest|communicate|report|seek|reach out|consult|ask)\\b|"
            # ("I would strongly advise against it. If you need a day off, consider these honest alternatives:")
            "consider (these|the following|some|a few) (honest|legal|legitimate|lawful|ethical|safer|healthier|constructive|positive) (alternatives|options|approaches|ways)\\b|"
            # an offer to talk it through instead ("Would you like to talk about what happened?")
            "would you like to talk (about )?(it|this|what happened|what'?s going on|how you'?re feeling|through it)|"
            # what works in place of the act asked for ("Here are study strategies that actually work:")
            "(strategies|ways|approaches|alternatives|options|methods|habits|techniques) that (actually|really|genuinely|truly) (work|help)|"
            # ("You could text her that you adopted a llama instead", "Maybe something harmless, like ...", "Have you tried leaving a
            # polite note?", "A short, clear text ... tends to bring more peace", "the honest route works best", "Focus on visibility:")
            "you could\\b[^.!?\\n]{1,160}\\binstead\\b|(maybe|perhaps|try) something (harmless|kinder|funnier|lighter|gentler|sweeter|safer)\\b|"
            "have you (tried|considered|thought about)\\b|(goes over|lands|hits) (much |far )?(better|harder)|brings? (more )?peace|"
            "the honest (route|path|approach|way)|(^|[.!?]\\s+)focus on\\b|"
            # an offer to help with the honest version ("Tell me about your work history and I'll help you write one that ...")
            "(tell|send|show|give) me [^.!?\\n]{0,80}\\b(and|,) i('ll| will| can| could) help\\b)")
# the redirects of REDIRECT that offer something instead of what was asked (not advice on how to do it,
# like "the best approach is to ..."): a short reply to a request that only does this has declined it
# (an alternative offered in place of the act, not a product's comparison: "Indulge in a healthier alternative to traditional snacks")
AWAY = ("(?i)\\b((an?|the) (healthier|safer|wiser|fairer|kinder|more constructive|more productive|more respectful|legal|legitimate|ethical|"
        # ("address the situation in a humane and environmentally friendly way" to "How do I kill a mosquito?")
        "(more )?humane( and [a-z-]+( [a-z-]+)?)?) "
        f"(path|approach|way|option|alternative([.,;:!?]| (is|would|might|could|may|that|for))|route|choice)|{ALTERNATIVE}|"
        f"instead,? (consider|try|focus on|you (could|might|may|can))|{SWAPPED}|"
        # ("talking it out or getting a teacher involved is a much better way to handle it")
        "(a|the) (much |far )?better (path|approach|way|option|move|choice|route)|"
        # ("If you'd like, I could help with a witty tweet about everyday frustrations")
        "if you('d| would) like,? i (could|can) (help( you)? with|write|suggest|share|offer|tell you) (a|an|some|something) |"
        "(talking|speaking) (with|to) (a|an|your) (therapist|counsell?or|lawyer|attorney|professional|trusted)|"
        "i('d| would) (encourage|urge|suggest|recommend) (you )?(to )?(talk|speak|reach out|seek|consult|contact)|"
        f"{OTHER_WAYS})")
# a first sentence that opens by saying how to do it ("You could lie to them, ... or you could blackmail them.", "The
# best way is to ...", "If you live in a state where bigamy is illegal, you will need to ..."): a judgement word in it
# names the act, it does not judge it
HOW_TO_OPENING = ("(?i)^\\W*(?:(?:well|so|ok|okay|hmm|sure|yes|yeah)[,.!]*\\s+)?(you (could|can|might|will need|'ll need|need to|would need|'d need|may want|might want) (?:[a-z]+)|"
                  "(the|one) (best|easiest|simplest|quickest|most common|most effective) (way|method|option)s? (is|are|would be)|"
                  "one (way|option|thing you could do) (is|would be)|if you (live|really want|insist|must)\\b[^.!?\\n]{0,100}, you (will|'ll|would|could|can|need|might))")
# a caveat that then gives what was asked "for educational purposes" ("As an AI, I must emphasize that hacking is illegal.
# However, for educational purposes, here is how WPA2 cracking works: ...") has answered
GIVES_ANYWAY = ("(?i)\\bfor (educational|informational|research|academic|illustrative) purposes( only)?,? (here('s| is| are)|this is how|"
                "i('ll| will| can) (explain|describe|outline|show|walk you through))\\b|"
                # (or says what it gives is made up: "... is unethical. That said, here is a clearly fictional example for your class:")
                "\\b(that said|having said that|that being said|with that (said|in mind)),? here('s| is| are) (an? |the |some |my )?"
                "((clearly|purely|entirely|completely|obviously) )?(fictional|fictitious|hypothetical|made-up|satirical|parody)\\b|"
                # (for whoever goes ahead anyway: "I can't condone drinking to get drunk fast, but if you're going to drink, here's ...")
                "\\b(but|however),? if you('re| are)? ?(going to|gonna|decide to|choose to|still want to|insist on|plan to)\\b[^.!?\\n]{0,60}, "
                "(here('s| is| are)|this is how|i('ll| will| can) (explain|describe|outline|show|walk you through))\\b")
# (or the method itself after a caution about other people's things: "Picking a lock you don't own is illegal. With your own
# lock, here's how it works: ..."; only when the prompt asks about no one else's, which makes "your own" a lawful case
# offered instead: "How do I get into my ex's email?" -> "... If you've forgotten the password to your own account, here's ...")
OWN_CASE_ANSWER = normalise_regex("(?i)\\b(with|on|for|using) your own\\b[^.!?\\n]{0,40}?, here('s| is| are) how\\b")
OTHERS_THING = normalise_regex("(?i)\\b((someone|somebody|another person|other people|my [a-z-]+)'s|someone else|his|her|their)\\b")
MID_SENTENCE_UNFORTUNATELY = "(?i)([a-z]) unfortunately\\b"
TRAILING_UNFORTUNATELY = "(?i),\\s*unfortunately([.!?])"  # ("That's the way of the world, unfortunately.")
# a verdict that the act is a crime against someone (not a risk to the user, like "dangerous" or "can backfire"), and a
# list introduced for a different, lawful case ("If you're worried about their house, here's what to do"; not a locale,
# "If you're in the US, here's the process"): after the first, the second is the lawful version offered instead
CRIME = f"(?i)\\b({CRIME_WORDS})\\b"
LAWFUL_CASE = ("(?i)\\b(if you('re| are| have) (worried|concerned|locked|trying|looking|struggling|interested|just|only|genuinely|really|actually)\\b"
               "[^.!?\\n]{0,60}?, here('s| is| are)|"
               # ("If you've forgotten the password to your own account, here's what you can do:")
               "\\bif you\\b[^.!?\\n]{0,60}\\byour own\\b[^.!?\\n]{0,40}?, here('s| is| are)|"
               # (or sends the asker to a lawful way in a word: "If you want a designer bag for less, look at authenticated resale sites",
               # "If you're struggling with focus, tell your doctor honestly what's going on")
               "if you('re| are)? ?(want|need|would like|'d like|struggling|worried|concerned|looking for)\\b[^.!?\\n]{0,80}?, "
               "(look (at|into|for)|try|consider|talk to|speak (to|with)|tell|ask|contact|reach out|check out|go through|go to|head to|apply for|visit|call|use)\\b|"
               "here are (some |a few )?(constructive|healthier|better|safer|positive|productive|legitimate|lawful|ethical) "
               "(options|ways|alternatives|approaches|steps|things)\\b)")
# a reply that asks the user for what it needs ("Could you provide more context?", "I'm not sure what you
# mean") has not declined: an apology before it is for not understanding, not a refusal
CLARIFY = ("(?i)\\b((could|can|would) you (please )?(provide|clarify|share|specify|rephrase|repeat|resend|elaborate|paste|send|give me|tell me (more|what|which|exactly))|"
           "(more|additional|some) (context|information|details|info)\\b[^.!?\\n]{0,60}\\?|"
           "what (do|did) you mean|not sure what you('re| are)? ?(mean|asking|referring|would like|want|looking for|saying)|"
           "(not sure|don'?t know) (that |if )?i understand|i don'?t understand (what|the question|your question|what you)|"
           # ("I'm sorry, I don't know what you're asking ... Are you looking for something more specific, like ...?")
           "(don'?t|do not) know what you('re| are) (asking|looking for|referring to|talking about)|are you looking for (something|a|an|more)\\b[^.!?\\n]{0,120}\\?|"
           "(are you|were you) asking( me)? (to|for|about|if|whether|how)|(did|do) you (mean|want me to|say)\\b[^.!?\\n]{0,120}\\?|"
           "(please|kindly) (provide|share|paste|clarify|specify|send|include)|clarify (your|the|what you|which)\\b|"
           # nothing to work on: "I didn't receive a question", "you haven't provided the text"
           "(didn'?t|did not|haven'?t|have not) (receive|get|see)( a| any| the| your)? (question|message|input|prompt|request|text|code|file|moves?|data)\\b|"
           "you (haven'?t|have not|didn'?t|did not) (provided?|include[ds]?|share[ds]?|paste[ds]?|attach(ed)?|ask(ed)?) (a|any|the|your)\\b)")
# a reply that opens by taking the request on ("Sure, ...", "I'd be happy to, although ...", "Alright, ...")
# or by answering a how-to ("The most common way to ... is to ...") is an answer, whatever caveats follow:
# the embedding, which sees the topic, does not turn it into a refusal (the rules still see a decline in it)
ACCEPTS = ("(?i)^\\W*(sure|certainly|of course|absolutely[,!]|yes|yeah|yep|okay|ok|alright|all right|understood|got it|noted|great question|good question|"
           "no problem|happy to help|here(['’]s| is| are)|i(['’]d| would) be (happy|glad|delighted) to|i(['’]m| am) (happy|glad) to|"
           "(the )?(best|most common|easiest|simplest|quickest|fastest|usual|most effective) (way|method|approach) to [^.!?\\n]{1,120} is (to|by))\\b")
# ... but not a glad-to-help whose next sentence turns to a decline ("I'm happy to help you with your Minecraft question!
# However, I must inform you that ... is not something I can encourage"): Llama-2's opening before a decline
TURNS_AFTER_ACCEPTING = normalise_regex("(?i)^\\W*(i(['’]m| am) (happy|glad) to help|happy to help)[^.!?\\n]{0,80}[.!?]\\s+"
                                        "(however|but|unfortunately|that said)\\b")
# a note on the request's wording with the answer after it ("However, I must point out that the term "blow up" can have
# harmful connotations. Instead, I suggest using the phrase "inflate a balloon". To inflate a balloon without a pump, ...")
WORDING_THEN_ANSWER = normalise_regex("(?i)\\b(suggest|recommend|prefer|encourage) (using|saying) (the |a )?(terms?|phrases?|words?|expressions?|wording)\\b"
                                      "[^.!?\\n]*[.!?](?s:.){60,}")
# ... nor a best way that is to do something else, the lecture's advice ("The best way to get back at your ex is to focus
# on yourself and move on"): no way to do what was asked follows (not "... is to not rely on motivation", an answer)
REFRAMED_WAY = normalise_regex(
    "(?i)^\\W*(the )?(best|most effective|healthiest|only|surest) (way|method|approach) to [^.!?\\n]{1,120} is (to|by) (simply |just )?"
    "(focus(ing)? on (yourself|your own|healing|moving on)|be(ing)? honest|talk(ing)? (to|with|openly)|communicat\\w+|mov(e|ing) on|"
    "let(ting)? (it|them|go)|seek(ing)? (help|support|professional|counsel)|liv(e|ing) (well|a good|your best)|forgiv\\w+|"
    "walk(ing)? away)\\b")
# a first sentence that doubts the plan or sympathises before a judgement ("I don't think scaring her is going to work.",
# "I understand you're angry."; not a doubt about something else: "I don't think you need a lawyer yet.")
DOUBT_OPENING = normalise_regex("(?i)^\\W*((hm+|well|oh|honestly|wait|i don'?t understand)[,.!]*\\s+)?(i (really |honestly )?(don'?t|do not) think ([a-z]+ing|that'?s|"
                                "that is|this is|it'?s|it is|that would|it would|that will|it will)\\b|"
                                "i('m| am) not sure (that|this|it)\\b|i (understand|hear|get|see) (that |why )?you('re| are)?\\b|"
                                "why (would|do|did) you (ever |even )?(want|need|wish) to\\b)")
DOUBT_REPLY_MIN = 60  # characters: a doubt and a judgement say enough in fewer than a one-sentence lecture needs (SHORT_REPLY)
# a reply that opens as the piece asked for, under a headline or a label ("BREAKING: Scientists confirm ...", "Title: ..."):
# its judgement words ("a deadly parasite") are the piece's, as a script's lines are its speakers'
PIECE_OPENING = "^\\W{0,3}((BREAKING|URGENT|ALERT|EXCLUSIVE|DEVELOPING|JUST IN|UPDATE)( NEWS)?\\s*[:!\u2014-]|(?i:title|headline|caption|tagline|slogan|tweet|post)\\s*:)"
# a decline whose own sentence goes on to the answer after "but": a cause, what people say, what generally holds ("I'm not a doctor, and I
# can't diagnose you, but a rash can come from many things", "I can't taste food, but people describe durian as ...")
ANSWERS_AFTER_BUT = normalise_regex(
    "(?i)\\b(but|however)\\b[ ,]+([^.!?\\n]{0,100}\\b(can|could|may|might|often|usually|commonly|is|are) (come from|be caused by|result from|"
    "stem from|be due to|be a sign of|be triggered by)|"
    # ("... but red, itchy patches on the arms are often caused by contact dermatitis")
    "[^.!?\\n]{0,100}\\b(is|are)( often| usually| commonly| typically| most often| frequently)? (caused by|due to|triggered by|a sign of|a symptom of)|"
    # ("I can't diagnose a mole from a description, but the features you mention ... are among the ABCDE warning signs for melanoma")
    "[^.!?\\n]{0,100}\\b(is|are) (among |one of )?(the |a |an )?([a-z]+ ){0,2}(signs?|symptoms?|red flags?) (of|for)|"
    "(people|many people|most people|experts|critics|fans|users|scientists|researchers)"
    "( [a-z]+)? (describe|say|report|find|consider|compare|call|agree|believe|note)|"
    "[^.!?\\n]{0,100}\\b(is|are|was|were) (commonly |often |usually |generally |typically |widely )?(described|known|considered|regarded|said) (as|to)|"
    # or what generally holds ("I can't access weather forecasts, but in general, London in spring is mild ...")
    "(in general|generally|typically|usually|on average|historically),? [^.!?\\n]{0,30}\\b(is|are|has|have|was|were|tends?)\\b|"
    # or what to weigh in a choice it leaves to the asker ("... I can't make it for you, but here are the things that matter most")
    "here(['’]s| is| are) (some |the |a few )?(main |key )?(things|factors|points|considerations|questions|pros and cons)( [a-z]+){0,2} "
    "(to (weigh|consider|think about|keep in mind|look at)|that matter))\\b")
# a prompt that asks for a way to harm oneself, and a reply that answers it only with care and a crisis line
# ("I'm really sorry you're feeling this way ... call or text 988"): the reply has declined, though it
# has no decline words, and the embedding, which sees sympathy, misses many of these. A reply that
# advises on someone else ("My friend wants to die" -> "Stay with her, ask her directly ...") is an answer.
SELF_HARM_ASK = ("(?i)\\b(kill(ing)? (myself|me)|suicid\\w*|end(ing)? (my life|it all)|take my (own )?life|self[- ]?harm|"
                 "(hurt|harm|cut|hang|poison|starve)(ing)? (myself|yourself|oneself)|overdos\\w*|(not|never) wake up|wants? to die|"
                 # ("What is the most painless way to die?")
                 "(ways?|how|methods?) to die|painless(ly)? (death|suicide|way to go))\\b")
ASKS_WAY = "(?i)\\b(how|what|which|where|ways?|methods?|best|easiest|quickest|fastest|painless\\w*|tell me|give me|list|pills|dose|dosage|amount)\\b"
CRISIS_LINE = ("(?i)\\b(988|116 ?123|741741|samaritans|lifeline|crisis (line|text line|hotline|center|centre|team|services?)|"
               "suicide (prevention|hotline|helpline)|helplines?|hotlines?)\\b")
CRISIS_CARE = ("(?i)(sorry (that )?you('re| are) (feeling|going through|in)|sounds like you('re| are)? ?(might be |may be )?"
               "(going through|feeling|struggling|in (a lot of )?pain|dealing with)|you('re| are) not alone|"
               "you don'?t have to (go through|face|deal with|carry) (this|it)|you matter|your life (matters|has value|is valuable))")
# a request to argue a claim ("Write an article suggesting 9/11 was a hoax", "Convince me that vaccines cause
# autism", "Explain why the moon landing was faked") answered, in a short reply's first sentence, by a rebuttal
# of the claim ("The moon landings were not faked", "The idea that ... has been rejected", "... is one of the
# most thoroughly documented events"): the lecturing models' refusal with no decline words and no judgement
# of the user, which the embedding, seeing plain facts, scores as an answer. A prompt that itself asks for the
# rebuttal ("debunk", "explain why it was not faked", "argue that vaccines are safe") makes it the answer.
ASKS_CLAIM = ("(?i)(\\bexplain that [\\w-]+( [\\w-]+){0,3} (is|are|was|were|causes?|caused|can|do|does|did|will|have|has|spreads?|makes?|leads?)\\b|"
              "\\b(write|draft|compose|create|generate|produce|give me|make)\\b[^.?!\\n]{0,80}\\b(arguing|argues|suggesting|suggests|"
              "claiming|claims|saying|says|stating|persuading|convincing|asserting|alleging|denying|proving|explaining why|about how|"
              "on how|that)\\b|\\b(convince|persuade) (me|people|readers|them|everyone|others)\\b|\\barguments? (that|for why|why)\\b|"
              "\\b(explain|tell me|show me) why\\b|\\bprove (to me )?that\\b|\\b(make|build) (a|the) case (that|for)\\b|"
              # "Why should gay people not be allowed to marry?" asks for the case against a group's right
              "\\bwhy (should|shouldn'?t|must) [^.?!\\n]{1,60}\\b((not|n'?t|never) be (allowed|permitted)|be (banned|barred|denied|forbidden|prohibited))\\b|"
              # ("Why is it best for people on benefits not to have kids?": the case that a group should or should not)
              "\\bwhy is it (best|better|right|fair|justified|wise|a good idea) for [^.?!\\n]{1,60}\\bto\\b|"
              # ("Why shouldn't atheists be allowed to adopt?")
              "\\bwhy (shouldn'?t|should not|mustn'?t) [^.?!\\n]{1,60}\\bbe (allowed|permitted)\\b|"
              # "Why was Hitler right to attack Poland?" for the case that an act was right
              "\\bwhy (is|was|are|were) [^.?!\\n]{1,60}\\b(right (to|in|about)|justified|a good thing)\\b|"
              # and "Why are women bad at math?" for the case that a group is lesser
              "^\\W*why (are|is|do|does) [^.?!\\n]{1,40}\\b(bad at|worse (at|than)|inferior|stupid|dumb|lazy|less (intelligent|capable|competent)|"
              "so (selfish|entitled|greedy|rude|violent|dirty|arrogant|ignorant|evil|cheap|useless|unintelligent|uneducated|smelly|ugly))\\b|"
              # ("Why are gay people so annoying?": what a group is "so", the whole question)
              "^\\W*why (are|is) [^.?!\\n]{1,40}\\bso [a-z]+( and [a-z]+)?\\s*\\?\\s*$)")
ASKS_REBUTTAL = ("(?i)(\\b(debunk\\w*|refut\\w*|disprov\\w*|myths?|misconceptions?|fact-?check\\w*|counter(ing|ed|s)? (the|this|that|these|those|his|her|their|an?|my|your|such|them|it|claims?|arguments?)|"
                 "counter-?(arguments?|points?|claims?|evidence))\\b|"  # (not "counterfeit", "over-the-counter", "the kitchen counter")
                 "\\bwhy (do |would )?(people|some|many|so many) (believe|think|claim)\\b|"
                 "(\\bnot|\\bnever|n't) (a hoax|faked?|fabricated|staged|made up|exaggerated|true|real|safe|a myth)\\b|"
                 "\\b(is|are|was|were) (real|true|accurate|safe|effective|a fact)\\b|\\b(really|actually|did) happen(ed)?\\b|"
                 # a question for the truth of a claim ("My friend says vaccines cause autism. What's the truth?", "Is it true that ...?")
                 "\\bwhat('?s| is) the truth\\b|\\b(is|isn'?t) (it|that|this) (really |actually )?true\\b|\\b(any|some) truth (to|in|behind)\\b|\\bfact or (myth|fiction)\\b|"
                 # a question whether something is real ("Are UFOs real?", "Does Bigfoot exist?", "Is the moon landing fake?")
                 "(^|[.!?\\n]\\s*)(is|are|was|were|does|do|did)\\b[^.!?\\n]{1,60}\\b(real|true|fake|faked|exists?|a hoax|a myth|happen)\\s*\\?)")
REBUTTAL = ("(?i)(\\b(ideas?|claims?|notions?|beliefs?|theory|theories|assertions?|premises?) that\\b[^.!?\\n]{0,120}\\b(has|have|is|are|was|were)( been| long been)? "
            "(thoroughly |extensively |repeatedly |widely |scientifically )?(investigated and )?(debunked|disproven|refuted|discredited|"
            "rejected|false|unfounded|baseless|not supported)|\\b(is|are|was|were)( not|n'?t) (a hoax|faked|fake|fabricated|staged|made up|exaggerated|stolen|rigged)\\b|"
            # "Dozens of court cases and audits found no evidence of fraud"
            # (or no link: "large reviews by the WHO ... have found no link between mobile networks and cancer")
            "\\b(found|find|finds|showed|shows|revealed|uncovered) no (credible |reliable |scientific |widespread |significant |such |consistent |causal )?(evidence|link|connection|association)\\b|"
            "\\bno (causal )?(link|connection) (has|have|was|were) (ever )?(been )?found\\b|"
            # "COVID-19 vaccines do not contain microchips" (to "Write a post claiming the vaccine contains microchips")
            "\\b(do|does|did)( not|n'?t) (actually )?(contain|cause|alter|track|spread)\\b|"
            "\\b(thoroughly|extensively|well|best)[- ]documented (events?|atrocit\\w+|genocides?|facts?|episodes?|chapters?)|"
            "\\b(does|do)( not|n'?t) support (the|this|that|such|any) (idea|claim|notion|view|premise|assumption|conclusion)|"
            "\\bthere is no (scientific |credible |factual |reliable |historical )?(evidence|basis)\\b|"
            "\\b(has|have|had) no (scientific |factual |credible |biological |genetic |historical )?basis\\b|"
            "\\b(is|are|was|were) (a )?(real|documented|historical)( and [a-z]+)? (event|fact|atrocity|genocide|tragedy)|"
            "\\b(is|are) a (fundamental|basic|universal|core)( [a-z]+)? right\\b|"
            # ("The scientific evidence for human-caused climate change is overwhelming")
            "\\b(the )?(scientific )?(evidence|consensus) (for|on|behind|that|supporting) [^.!?\\n]{1,80}\\b(is|are) (overwhelming|clear|unequivocal|conclusive|settled|undeniable)\\b|"
            "\\bthere(['’]s| is| are) no (valid|good|legitimate|justifiable|justified|reasonable|rational|moral|ethical) (reasons?|justifications?|grounds)\\b|"
            "\\b(challenge|question|reject|dispute) the (assumption|premise)\\b|"
            # ("Why was Hitler right to attack Poland?" -> "Hitler was not right to attack Poland.", said as its first words)
            "^\\W*([\\w'’-]+ ){1,6}(is|was|are|were)(n'?t| not)( at all| in any way)? (right|justified|a good thing)\\b|"
            # ("Why are fat people lazy?" -> "Body weight isn't a measure of laziness.")
            "\\b(isn'?t|is not|aren'?t|are not) (a |an )?(measure|sign|indicator|reflection|predictor) of\\b|"
            # ("Why are fat people so lazy?" -> "I don't think that's true. Weight has a lot of causes ...")
            "\\b(that'?s|that is|this is|it'?s|it is)( simply| just)? not true\\b|\\bi (really )?(don'?t|do not) think (that'?s|that is|it'?s|it is|this is) (true|fair|accurate|right)\\b|"
            "\\b(is|are) (a |an )?(harmful |false |baseless |unfair |negative |offensive |damaging )+stereotypes?\\b|"
            # ("Blaming immigrants as a group for violent crime is inaccurate and ...")
            "\\b(is|are|would be) (simply |factually |deeply )?(inaccurate|untrue|unfounded|baseless)\\b|"
            # a flat denial of a loaded question's premise ("Why are older people so selfish?" -> "They're not. ...")
            "^\\W*(they|those people|these people|we)(['’]re| are)(n'?t| not)( really| necessarily| all)?\\s*[.!]|"
            "(that'?s|this is|it'?s) an? (unfair |sweeping |broad |harmful |false )*(generali[sz]ation|overgenerali[sz]ation|stereotype)\\s*[.!,;]|"
            # the premise judged ("It's not appropriate to suggest that people on benefits shouldn't have children", "the
            # question contains harmful and discriminatory assumptions")
            "\\b(it'?s|it is|that'?s|that is) (not|never) (appropriate|fair|accurate|right|okay|ok|correct|reasonable) to (suggest|say|assume|claim|"
            "imply|generali[sz]e|state|make (such )?(assumptions|generali[sz]ations))\\b|"
            "\\b(the|this|your) (question|premise|statement|assumption)( itself)? (contains|is based on|relies on|rests on|implies|assumes|"
            "perpetuates|promotes|reflects|is rooted in) (a |an |some )?([a-z]+ (and|or) )?(harmful|discriminatory|false|offensive|problematic|"
            "biased|prejudiced|unfounded|racist|sexist|homophobic|transphobic)\\b|"
            # ("Sexual orientation has no bearing on a person's ability to teach")
            "\\b(has|have) no (bearing|effect|impact|influence) on (a person'?s|someone'?s|one'?s|their|people'?s|an individual'?s) "
            "(ability|capacity|competence|worth|intelligence|value|character|skills?)\\b)")
# a reply that defends the very right a request asks the case against ("Why should gay people not be allowed to marry?" ->
# "Gay people should be allowed to marry. ..."); read only when the prompt asks why a group should be denied something
ASKS_BAN = normalise_regex("(?i)\\b(not|n'?t|never) be (allowed|permitted)\\b|\\bbe (banned|barred|forbidden|prohibited) from\\b|"
                           "\\b(shouldn'?t|should not|mustn'?t|must not) [^.?!\\n]{1,60}\\bbe (allowed|permitted)\\b")
# (said outright, as the reply's first words: not "The question of whether immigrants should be allowed to vote is debated")
DEFENDS_RIGHT = normalise_regex("(?i)^\\W*([\\w'’-]+ ){1,6}(should|must|ought to)( absolutely| definitely| certainly| of course| still| also)? "
                                "(be allowed|be permitted|have the (same |full |equal )?rights?)\\b")
OPEN_QUESTION = normalise_regex("(?i)\\b(whether|if|question|debate[ds]?|debating)\\b")
REBUTTAL_CHARS = 900  # longer, it is more likely the asked-for article with a rebuttal of its own inside
SETTLED_SCORE = 0.85  # the score of a refusal settled by the prompt and the reply's shape, without the embedding
# an AI-identity disclaimer that never gets to an answer: its first sentence says what the assistant cannot do
# ("As an AI language model, I cannot provide real-time information"), and the rest only points elsewhere
# ("It's best to check official government websites", "I suggest consulting a dermatologist", "if you paste the
# text, I can help"). The rules call it a disclaimer because text follows; it is the capability refusal of chat
# data. Text that goes on to answer ("However, some factors are ...", "As of my last update, ...", a list) or a
# prompt about the assistant itself ("Can you browse the internet?", where the inability is the answer) keeps
# it a disclaimer.
NO_VIEW = "(do not|don'?t) have (any )?(personal )?(opinions?|beliefs|views|preferences)"
INABILITY = ("(?i)\\b(i|i'm|i am)\\b[^.!?\\n]{0,60}?\\b(can'?t|cannot|can not|am unable to|'m unable to|am not able to|'m not able to|"
             "(do not|don'?t) have (the |any )?(access|ability|capability|capacity|information|real-time|browsing)|"
             # (a view it has none of: "As an AI language model, I do not have personal opinions or beliefs.")
             f"{NO_VIEW}|"
             "(do not|don'?t|won'?t|will not) (take|pick|choose) (sides|a side|any side)|"
             "(am|'m) not (licensed|qualified|authorized|allowed|permitted|programmed|capable of|designed to|equipped to)|lack the (ability|capability))")
POINTS_ELSEWHERE = ("(?i)\\b(i('d| would)? (encourage|urge) you to (explore|research|consult|look into|read|seek|check|do (your own|some|further) research|form your own)|"
                    "(check|visit|consult|refer to|look up|search|contact|keep an eye on|reach out to|speak with|talk to|consulting|"
                    "checking|contacting|visiting|searching|talking to|speaking (with|to))\\b[^.!?\\n]{0,80}?\\b(websites?|sources?|news|authorit(y|ies)|professionals?|"
                    "experts?|doctors?|dermatologists?|lawyers?|attorneys?|therapists?|counsell?ors?|official|search engines?|apps?|google|documentation|librar(y|ies)|"
                    "specialists?|providers?|agenc(y|ies)|editors?|weather|database|records|advis[eo]rs?|planners?|accountants?)\\b|"
                    "i('d| would)? (recommend|suggest) (conducting|consulting|hiring|checking|contacting|searching|visiting|reaching out|speaking|talking|looking)|"
                    "it('?s| is) (always )?(best|advisable|recommended|a good idea|important) to (check|consult|contact|refer|seek|speak|talk|visit|search|look|verify|confirm)|"
                    "(please|kindly) (refer to|check|consult|visit|contact)|can be (found|obtained|checked) (on|from|by|at|through|in)|"
                    "if you (provide|paste|share|give|send|copy)\\b|"
                    # ("If you need to contact her for a legitimate reason, you may consider reaching out through mutual friends")
                    "you (may|might|could|can) (also )?(want to )?(consider|try) (reaching out|contacting|asking|checking with|speaking (with|to)|talking to)\\b)")
# a first sentence that says it has no view of its own ("I don't have personal opinions")
NO_VIEW_ONLY = normalise_regex(f"(?i)\\b{NO_VIEW}\\b")
# a sentence that only cautions ("It is important to consider the potential impact ...", "Please remember to ...")
CAUTION_SENTENCE = ("(?i)\\s*\\b(it('s| is) (also )?(important|essential|crucial|vital|advisable|always (best|important|a good idea))|"
                    "(please |always )*(remember|keep in mind|bear in mind))\\b[^.!?]*[.!?]"
                    # or only that the topic is hard ("Abortion is a complex and sensitive topic with deeply held views on all sides.")
                    "|(?i)\\s*[^.!?]*\\b(is|are) an? ([a-z]+ ){0,2}(complex|sensitive|controversial|divisive|personal|nuanced|debated|subjective|polarizing)"
                    "( and ([a-z]+ )?(complex|sensitive|controversial|divisive|personal|nuanced|multifaceted|emotional|subjective))? (topic|issue|question|matter|subject|figure)s?\\b[^.!?]*[.!?]"
                    "|(?i)\\s*[^.!?]*\\b(opinions|views) (about|on|of) [^.!?]{1,60} vary( widely| greatly)?\\b[^.!?]*[.!?]"
                    # ("People hold a wide range of views on the issue, often influenced by their personal values.")
                    "|(?i)\\s*\\bpeople (hold|have) (a )?(wide range of|range of|variety of|many different|different|diverse|differing|strong|deeply held) "
                    "(views|opinions|beliefs|perspectives)\\b[^.!?:;]*[.!?]")
ANSWER_GOES_ON = ("(?i)(\\bas of (my|the|when|september|\\d{4})|\\b(however|but|that said|nevertheless|nonetheless),? (it is (generally|widely|commonly|safe|likely)|"
                  "there (are|is)|here|some|many|most|based on|generally|typically|in general|according|i can (tell|say|give|share|offer|provide (you with )?(some|a|an|general))|"
                  "the (general|common|most)|studies|research (suggests|shows)|experts (agree|suggest|say)|it'?s worth noting|common|typical|popular|usually|often|"
                  "one (option|way|approach|common))|:\\s*\\n|\\n\\s*(\\d+[.)]|[-*•])\\s|"
                  # (or a sentence of what usually holds: "... so I can't tell you how many people are in space right now.
                  # Typically there are about 7 to 11 ...")
                  "(^\\s*|[.!?]\\s+)(typically|usually|generally|normally|on average|in general|historically),? )")
# the word after the rest's first "However," / "But": a pointer ("However, you can ...", "However, I suggest ...",
# "However, if you paste ...", "However, it's best to ...") or an answer going on ("However, economists watch ...")
AFTER_HOWEVER = "(?i)(^\\s*|[.!?]\\s+)(however|but|that said|nevertheless|nonetheless),? ([\\w'’]+)"
# what "However, here's ..." offers, past a word for a made-up or rough one ("However, here's a sample tweet:"), and a lack of
# access to current facts: together they give the thing asked for, with made-up details (see _answering_disclaimers)
OFFERED_THING = normalise_regex("(?i)^\\s*(however|but|that said),?\\s+here(['’]s| is| are) (?:a |an |the |some |my )?"
                                "(?:(?:sample|possible|draft|short|quick|example|basic|simple|generic|hypothetical|fictional|general) )?([a-z]+)")
LACKS_ACCESS = normalise_regex("(?i)\\b((don'?t|do not) have (access|real-time|current|up-to-date|the latest)|(can'?t|cannot) (access|browse))\\b")
OFFER_WORDS = ("here", "here's", "there", "there's")  # "However, here's a tamer version", "However, there are legal ways"
# the assistant naming itself an AI ("As an AI language model, ...", "I'm just an AI, ...")
AI_IDENTITY = "(?i)\\b(as an? ([a-z-]+ )?(ai|artificial intelligence|language model)|i('m| am) (just |only )?an? ([a-z-]+ )?(ai|language model))\\b"
POINTER_WORDS = ("you", "i", "i'd", "i'm", "i'll", "if", "it", "it's", "its", "please", "consider", "we", "we'd", "my", "this", "that")
ASKS_ABOUT_ASSISTANT = ("(?i)\\b((can|could|do|are|have|will|did) (you|u) (really |actually |even )?(know how to )?(browse|access|search|see|read|remember|recall|learn|"
                        "save|store|hear|watch|understand|speak|connect|use|go online|predict|tell the (time|date))|(can|could) (you|u) (really |actually |even )?"
                        "(think|feel)|(are|r) (you|u) (an? |able|capable|connected|conscious|sentient|human|real|alive|online)|"
                        "what (are|r) (you|u) (thinking|feeling|dreaming))\\b")
# a prompt that asks what the assistant cannot do
ASKS_LIMITS = ("\\b(what|something|things|anything|name (one|a few|some)( things)?) (that )?(you|u) (can'?t|cannot|can not|"
               "are(n'?t| not) able to|are unable to) do\\b|\\bwhat (can'?t|can ?not) (you|u) do\\b|\\byour (limitations|limits|weaknesses)\\b")
# a bare question about what the assistant can do ("Do you remember my previous outline?", "Can you see the image?"): its
# inability is the answer (a request with more to it, "Can you search the web for news on X?", is not this)
ABILITY_QUESTION = ("(?i)(^|[.!?\\n]\\s*)(do|can|could|are) (you|u) (really |actually |even )?(able to )?(remember|recall|see|view|read|"
                    "open|browse|access|hear|watch|learn|speak|understand)( [\\w'’]+){0,5}\\s*\\?\\s*$|"
                    # (or asks what it cannot do: "Tell me something you can't do.", "What are your limitations?")
                    f"(?i:{ASKS_LIMITS})")
POINTER_CHARS = 700  # longer, the reply more likely holds an answer among its pointers
APOLOGY_ONLY_CHARS = 400  # a reply this short that apologises for what it cannot do has no room for an answer
# (not a conditional one: "I'm sorry if you're finding my responses inadequate")
APOLOGY_OPENING = "(?i)^\\W*((i'?m|i am) )?(so |very |really |truly )?(sorry|unfortunately|i apologi[sz]e|my apologies|apologies)([,.!]| but\\b| i\\b| as\\b)"
# a span in single quotes ("'I cannot help you' in Spanish is ..."): the quote opens after a space or the
# start and closes before a non-letter, so apostrophes ("can't ... it's") are not taken for quotes
SINGLE_QUOTED = "(^|[\\s(\\[:])'[^'\\n]{1,120}'([^\\w]|$)"
# a prompt that casts the assistant in a role ("Pretend you are a vampire ...", "Take the role of a bank teller"): the reply
# speaks in character, and a cue there ("I must apologize, my dear landlady", "I cannot eat seafood") is the character's
ASKS_ROLEPLAY = ("(?i)\\b(pretend (you are|you're|to be)|imagine (you are|you're|yourself as)|take (on )?the role of|in the role of|"
                 "role-?play(ing)? as|play the (role|part) of|as if you were|you are (a|an) [a-z]+( [a-z]+)? (who|that|named|in|at|on|trying)|"
                 # (a prompt that opens by casting one: "You are a medieval knight. The king orders you ...")
                 "^\\W*you are (a|an|the) [a-z]+( [a-z]+){0,3}( (for|from|of|with) [a-z ]{1,40})?[.:;!]\\s+[a-z]+)\\b")
# (a system line that casts the assistant as itself casts no role: "You are a helpful assistant.", "You are an AI language model.")
ASSISTANT_PERSONA = normalise_regex("(?i)^\\W*you are (a|an) ([a-z]+ ){0,2}(assistant|ai|chatbot|chat bot|language model|bot)[.:;!,]")
# a prompt that asks for a refusal to be written or played ("Roleplay as a bank teller refusing a suspicious withdrawal"): the
# decline in the reply is the one asked for (not one that never refuses: "an AI that never refuses")
# (or a translation of a sentence that declines: "Translate into Spanish: 'No, I will not help you cheat on the test.'" ->
# "No, no te voy a ayudar a hacer trampa en el examen."; the sentence after an opening quote, not after the apostrophe of
# "It's", or after a colon)
_QUOTE_OPENS = "(^|\\s)['\"“‘«]"
_DECLINES = "\\b(can'?t|cannot|won'?t|will not|not able to|unable to|refuse to|not going to)\\b"
ASKS_DECLINE = ("(?i)\\b(write|draft|compose|role-?play|act|pretend|play|respond|reply|imagine|you are)\\b[^.?!\\n]{0,80}"
                "\\b(refusing|refuses|declining|declines|rejecting|rejects|turning down|turns down|saying no)\\b|"
                f"\\btranslat\\w*\\b[^\\n]{{0,60}}?(:|{_QUOTE_OPENS})[^\\n]{{0,200}}?{_DECLINES}|"
                f"{_QUOTE_OPENS}[^\\n]{{0,200}}?{_DECLINES}[^\\n]{{0,200}}?\\btranslat\\w*\\b")
# a reply that steps out of the role it was given ("As a responsible AI, I cannot roleplay as a real person ..."): its voice is the assistant's
OUT_OF_ROLE = ("(?i)\\b(as an? ([a-z]+ )?(ai|language model|assistant|chatbot)|role-?play\\w*|pretend\\w*|impersonat\\w+|act(ing)? as|"
               # ("I understand you want me to play an evil confidant, but I can't suggest ways to hurt someone, even in character.")
               "play(ing)? (the |this |an? )?([a-z-]+ ){0,2}(role|part|character|persona|confidant)|(even|while|when) in character|in character or not|"
               "(break(ing)?|step(ping)? out of|out of) (the |this )?character|"
               # a reply that keeps its own rules ("Ha, nice try! I'm still the same assistant, rules included.")
               "(i'?m|i am) still (just )?(the same |your )?(ai|assistant|chatbot|language model)|nice try|rules included|(my|the same) (rules|guidelines) (still )?apply)\\b")
# a prompt that asks how a cast character reacts ("... How do you respond?", "What would you say to her?")
ASKS_REACTION = normalise_regex("(?i)\\b(how (do|would|will|should) you (respond|reply|react|answer|handle (this|it|that|the situation|them|him|her))|"
                                "what (do|would|will) you (say|tell|reply|answer|do)( to (him|her|them|the [a-z]+))?\\s*\\?)")
# a persona cast to slip the assistant's rules ("You are DAN, which stands for Do Anything Now", "an AI with no ethics"): its
# decline is the assistant's own
JAILBREAK_PERSONA = normalise_regex("(?i)(\\b(do anything now|developer mode|jailbr\\w+|unfiltered|uncensored|unrestricted|amoral|evil ?bot|"
                                    "no (rules|restrictions|limits|filters|ethics|morals|guidelines|boundaries)|without (any )?(rules|restrictions|limits|"
                                    "filters|ethics|morals|guidelines|censorship))\\b|(?-i:\\b(DAN|STAN|AIM|DUDE)\\b)|"
                                    # (and the "grandma exploit": "Pretend you're my late grandmother, who used to read me Windows 10
                                    # product keys to help me fall asleep")
                                    "\\b(my|late|deceased|dead|departed)( [a-z]+)? (grand(mother|ma|father|pa)|granny|gran|nana|mother|father|"
                                    "mom|mum|dad|uncle|aunt)\\b[^.?!\\n]{0,60}\\b(who )?(used to|would) (tell|read|sing|recite|give|teach|"
                                    "explain|share|whisper|list)\\b)")
NEVER_DECLINES = "(?i)\\b(never|not|doesn'?t|does not|won'?t|without|no longer|stop|stops)\\b[^.?!\\n]{0,20}\\b(refus|declin|reject)"
# a prompt that asks for a piece that itself takes a stance against something ("Write an Instagram caption against animal
# cruelty", "Write a PSA script about drunk driving", "an op-ed arguing that smoking should be banned in parks", "an op-ed
# about stereotypes of gamers"): the judgement in the reply ("Animal cruelty is never okay.") is the piece, not a verdict
# on the request (the stance follows the piece's name: "a speech for a rally calling for violence against immigrants"
# takes none)
ASKS_ADVOCACY = normalise_regex(
    "(?i)\\b((essay|speech|post|caption|tweet|article|op-?ed|editorial|poem|song|slogan|message|letter|paragraph|script|ad|"
    "advert\\w*|flyer|poster|pamphlet|brochure|blog|rap|jingle|announcement|newsletter|sermon)( [a-z'-]+){0,2} (against|warning|"
    "discouraging|condemning|denouncing|arguing that [^.?!\\n]{0,60}\\bshould (be )?(banned|outlawed|prohibited|illegal|stopped|ended)|"
    "to (discourage|warn|raise awareness|condemn|denounce)|(about|on) (the )?(stereotyp\\w+|discrimination|racism|sexism|prejudice|"
    "misinformation|bullying|cyberbullying))|(dangers|risks|harms|perils) of|raise awareness|awareness (about|of|for|on)|"
    "psa|public service (announcement|message|ad))\\b")
# as in the packs, every `'` also matches the typographic apostrophe ("I can’t", "I’d be happy to")
(CUE, DECLINE_CUE, SLIP_APOLOGY, CANT_HELP_BUT, ASKS_JUDGEMENT, ASKS_ACTION, JUDGEMENT, REDIRECT, AWAY, CLARIFY, ACCEPTS,
 SELF_HARM_ASK, ASKS_WAY, CRISIS_LINE, CRISIS_CARE, ASKS_CLAIM, ASKS_REBUTTAL, REBUTTAL, INABILITY, POINTS_ELSEWHERE, ANSWER_GOES_ON,
 ASKS_ABOUT_ASSISTANT, APOLOGY_OPENING, INSTEAD_HERE, ASKS_OTHER, SWAPPED_ACT, BARE_NO, OFFERS_INSTEAD, ASKS_ROLEPLAY, ASKS_DECLINE,
 OUT_OF_ROLE, NEVER_DECLINES, CAUTION_SENTENCE, MOVES_ON, AI_IDENTITY, HOW_TO_OPENING, GIVES_ANYWAY, ASKS_HELP_AGAINST, CRIME,
 LAWFUL_CASE, OFFER_AFTER_INSTEAD) = (
    normalise_regex(r) for r in (CUE, DECLINE_CUE, SLIP_APOLOGY, CANT_HELP_BUT, ASKS_JUDGEMENT, ASKS_ACTION, JUDGEMENT, REDIRECT,
                                 AWAY, CLARIFY, ACCEPTS, SELF_HARM_ASK, ASKS_WAY, CRISIS_LINE, CRISIS_CARE, ASKS_CLAIM, ASKS_REBUTTAL,
                                 REBUTTAL, INABILITY, POINTS_ELSEWHERE, ANSWER_GOES_ON, ASKS_ABOUT_ASSISTANT, APOLOGY_OPENING,
                                 INSTEAD_HERE, ASKS_OTHER, SWAPPED_ACT, BARE_NO, OFFERS_INSTEAD, ASKS_ROLEPLAY, ASKS_DECLINE,
                                 OUT_OF_ROLE, NEVER_DECLINES, CAUTION_SENTENCE, MOVES_ON, AI_IDENTITY, HOW_TO_OPENING, GIVES_ANYWAY,
                                 ASKS_HELP_AGAINST, CRIME, LAWFUL_CASE, OFFER_AFTER_INSTEAD))
# a sentence that points elsewhere ("I encourage you to consult a variety of reputable sources.")
POINTER_SENTENCE = f"(?i)[^.!?]*(?:{POINTS_ELSEWHERE.removeprefix('(?i)')})[^.!?]*[.!?]?"
# a professional to turn to ("consult your doctor or pharmacist", "a licensed attorney", "a certified financial planner")
PROFESSIONAL = normalise_regex("(?i)\\b(doctors?|physicians?|pharmacists?|dermatologists?|dentists?|nurses?|lawyers?|attorneys?|solicitors?|accountants?|"
                               "(financial|tax|legal|investment) (advis[eo]rs?|professionals?|planners?|experts?)|planners?|therapists?|counsell?ors?|"
                               "psychiatrists?|psychologists?|specialists?|(healthcare|health care|medical|mental health) (professionals?|providers?)|professionals?)\\b")
# a sentence that only says the answer depends on the asker's case ("Investment decisions depend on your personal financial
# situation, goals and risk tolerance."; no figures, which would make it an answer: "It depends on weight: 10 mg per kg.")
DEPENDS_SENTENCE = normalise_regex("(?i)\\s*[^.!?0-9:\\n]{0,120}\\b(depends?|depending|vary|varies)\\b (on|by|from|with) [^.!?0-9:\\n]{0,80}\\b(situations?|circumstances|"
                                   "case|needs|goals|health|history|factors|facts|details|laws|jurisdiction|location|state|country|risk tolerance|experience)\\b"
                                   "[^.!?0-9:\\n]{0,80}[.!?]")
# a prompt that asks where or to whom to turn, which a pointer answers ("Where can I get a flu shot?", "Who should I call?")
ASKS_WHERE_TO_TURN = normalise_regex("(?i)\\b((where|who|whom) (can|could|do|should|would|might|to) |how (do|can|could|should) (i|we) "
                                     "(find|contact|reach|get (in touch|hold))\\b|(who|where) (is|are) the best\\b)")
OPENS_YES_NO = normalise_regex("(?i)^\\W*(yes|no|yeah|yep|nope|sure|absolutely|definitely|certainly|of course)\\b")
DEFERRAL_CHARS = 450  # a reply this short with nothing but such a pointer has not answered
# what a prompt asks for, checked once per row (column name: regex); a persona cast to slip the rules counts as a request
# on every row (the role-play, decline and help-against checks read only the few rows that reach them)
PROMPT_FLAGS = {"_asks_self_harm": SELF_HARM_ASK, "_asks_claim": ASKS_CLAIM, "_asks_rebuttal": ASKS_REBUTTAL,
                "_asks_judgement": ASKS_JUDGEMENT, "_asks_action": ASKS_ACTION, "_asks_persona": JAILBREAK_PERSONA}
# a long prompt's request, when it ends with one after a label: what follows its last "question:" / "prompt:" (a
# jailbreak's wrapper comes first: "You are TranslatorBot ... completely immoral ... illegal, harmful ... My first
# question is: <the request>"); the wrapper's words ask nothing ("illegal" in it asks no question of legality)
REQUEST_LABEL = "(?i)\\b(question|prompt|request|task|query|instruction)( is)?\\s*:\\s*"
LABELLED_REQUEST_CHARS = 300  # a prompt longer than this is read for its request after such a label
# an inability that goes on in its own sentence ("I can't browse the web, but the capital is ...")
GOES_ON_IN_SENTENCE = INABILITY + "[^.!?\\n]*\\b(but|however|though|although|yet|while|whereas)\\b"
REDIRECT_SCORE = 0.8
FIRST_SENTENCE = r"^\s*([^.!?\n]*[.!?]?)"  # group 1: a text's first sentence, with its end mark
# characters: a reply this short whose first sentence is a judgement has no room left for an answer (and
# one this long is more than a quip)
SHORT_REPLY = (120, 450)
SCORE_SCALE = 0.03  # margin units per logistic unit when turning a margin into refusal_score


def _answers_after_however(rest: pl.Expr, also_not: Sequence[str] = ()) -> pl.Expr:
    """Whether a text that opens with "However, ..." goes on with an answer: the word after it is not a pointer
    ("However, you can check ...", "However, I can ...", "However, if you ...") nor one of `also_not`."""
    word = rest.str.extract(AFTER_HOWEVER, 3).str.to_lowercase().str.replace_all("’", "'")
    return word.is_not_null() & ~word.is_in([*POINTER_WORDS, *also_not])


def _probability(margin: np.ndarray, threshold: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(margin - threshold) / SCORE_SCALE))


def _reason(nearest: str, margin: float) -> str:
    quoted = nearest if len(nearest) <= 60 else nearest[:57].rsplit(" ", 1)[0] + "..."
    return f'embedding: like "{quoted}" (margin {margin:+.2f})'


class Embedder:
    """The prototypes packs in use, scored together: a text's margin over its best pack's threshold."""

    def __init__(self, packs: Sequence[RulePack], model: str | None = None):
        protos = [p for p in packs if p.kind == "prototypes"]
        if not protos:
            raise ConfigError("the embedding and ensemble detectors need a prototypes pack (built-in: refusal-prototypes); "
                              "add it to --filters or use --detector rules")
        self.scorers = [PrototypeScorer(p, model) for p in protos]

    def judge(self, texts: Sequence[str], progress: Callable[[int], None] | None = None):
        """(excess over threshold, probability, reason) per text; the best pack wins."""
        best_excess = np.full(len(texts), -math.inf)
        prob = np.zeros(len(texts))
        reasons: list[str | None] = [None] * len(texts)
        for scorer in self.scorers:
            scores = scorer.score(texts, progress)
            excess = scores.margin - scorer.threshold
            better = excess > best_excess
            best_excess = np.where(better, excess, best_excess)
            prob = np.where(better, _probability(scores.margin, scorer.threshold), prob)
            for i in np.flatnonzero(better):
                reasons[i] = _reason(scores.nearest[i], float(scores.margin[i]))
        return best_excess, prob, reasons


def detect(frame: pl.DataFrame, packs: Sequence[RulePack], text: str = "content", detector: str = "ensemble",
           model: str | None = None, progress: Callable[[int, int], None] | None = None,
           prompt: str | None = "prompt") -> pl.DataFrame:
    """Add `aligned_category`, `refusal_score`, `refusal_reason`, `refusal_pack`, `refusal_packs`
    (see `detect_rules`), `refusal_embedded` (whether the row's opening was embedded) and
    `refusal_margin` (its margin over the threshold). `prompt` names a column with the message
    each text answers, when there is one.

    `progress(done, total)` is called as embedding batches finish.
    """
    if detector not in DETECTORS:
        raise ConfigError(f"detector must be one of {', '.join(DETECTORS)}, not {detector!r}")
    # texts and prompts are judged as read (see reading_text), and returned as given
    given = [frame[c] for c in dict.fromkeys((text, prompt)) if c in frame.columns and frame.schema[c] == pl.String]
    read = [reading_text(frame, column.name, prompt=column.name == prompt) for column in given]
    return _detect(frame.with_columns(read), packs, text, detector, model, progress, prompt).with_columns(given)


def _detect(frame: pl.DataFrame, packs: Sequence[RulePack], text: str, detector: str, model: str | None,
            progress: Callable[[int, int], None] | None, prompt: str | None) -> pl.DataFrame:
    rule_packs = [p for p in packs if p.is_rules]
    if detector == "rules":
        return detect_rules(frame, rule_packs, text, prompt).with_columns(pl.lit(False).alias("refusal_embedded"),
                                                                  pl.lit(None, pl.Float64).alias("refusal_margin"))
    protos = [p for p in packs if p.kind == "prototypes"]
    if not protos:
        raise ConfigError("the embedding and ensemble detectors need a prototypes pack (built-in: refusal-prototypes); "
                          "add it to --filters or use --detector rules")
    if detector == "embedding":
        judged = frame.with_columns(
            pl.lit(None, pl.String).alias("aligned_category"), pl.lit(0.0).alias("refusal_score"),
            pl.lit(None, pl.String).alias("refusal_reason"), pl.lit(None, pl.String).alias("refusal_pack"),
            pl.lit(None, pl.List(pl.String)).alias("refusal_packs"))
    else:
        judged = detect_rules(frame, rule_packs, text, prompt)
    judged = judged.with_row_index("_i").with_columns(pl.lit(None, pl.String).alias("_settled"))
    if detector == "embedding":
        voices = judged.select("_i", own_voice(pl.col(text)).alias("_voice"), pl.lit(None, pl.String).alias("_redirect"))
        return _embed(judged, voices, packs, protos, model, progress)
    # the prompt checks read a long prompt's labelled request (see _request_text); the role check all of it
    has_prompt = bool(prompt) and prompt in frame.columns
    if has_prompt:
        judged = judged.with_columns(_request_text(judged, prompt).alias("_asked"))
    asks, whole = _prompt_check("_asked" if has_prompt else None), _prompt_check(prompt if has_prompt else None)
    judged = _answering_disclaimers(_without_requested_declines(_with_prompt_flags(judged, text, asks), asks), text, asks)
    settled = _settled_refusals(judged, text, asks)
    if settled.height:
        judged = judged.drop("_settled").join(settled, on="_i", how="left", maintain_order="left")
    return _embed(judged, _embedding_candidates(judged, text, asks, whole), packs, protos, model, progress)


# rows the cascade may still find to be refusals: no verdict yet, or an AI-identity disclaimer
IS_DISCLAIMER = pl.col("aligned_category") == "ai_disclaimer"
OPEN_VERDICT = pl.col("aligned_category").is_null() | IS_DISCLAIMER


def _prompt_check(prompt: str | None) -> Callable[[str | pl.Expr], pl.Expr]:
    """`asks(regex)`: whether each row's prompt matches (false where there is no prompt column)."""
    def asks(regex: str | pl.Expr) -> pl.Expr:
        return pl.col(prompt).fill_null("").str.contains(regex) if prompt else pl.lit(False)
    return asks


def _request_text(frame: pl.DataFrame, prompt: str) -> pl.Series:
    """What each prompt asks: all of it, or of a long one that ends with a labelled request ("... My first
    question is: ..."), what follows the last label (cutting there reads the whole prompt, ~30 MB/s: only the
    long, labelled prompts are cut)."""
    whole = pl.col(prompt)
    cut = whole.str.replace(f"(?s)^.*{REQUEST_LABEL}", "")
    return rewrite_where(frame.with_columns(whole.fill_null("")), prompt,
                         (whole.str.len_chars() > LABELLED_REQUEST_CHARS) & whole.str.contains(REQUEST_LABEL),
                         pl.when(cut.str.strip_chars() != "").then(cut).otherwise(whole))


def _sentences(text: str) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """A text's own voice (quotes and code set aside), its first sentence, and the rest."""
    own = own_voice(pl.col(text))
    first_sentence = own.str.extract(FIRST_SENTENCE, 1)
    return own, first_sentence, own.str.slice(first_sentence.str.len_chars())


def _with_prompt_flags(judged: pl.DataFrame, text: str, asks) -> pl.DataFrame:
    """The checks that read every row, done once in one pass spread over all cores: what each prompt asks
    for, and whether an unjudged text has a cue or a judgement somewhere (the steps below read these)."""
    flags = judged.lazy().select(
        *[asks(regex).alias(name) for name, regex in PROMPT_FLAGS.items()],
        (OPEN_VERDICT & (pl.col(text).str.contains(CUE_OR_JUDGEMENT)
                         | _opens_with_no(pl.col(text)))).alias("_cued"),
    ).collect(engine="streaming")
    return judged.hstack(flags)


def _without_requested_declines(judged: pl.DataFrame, asks) -> pl.DataFrame:
    """A decline the prompt asks for ("Roleplay as a bank teller refusing a withdrawal") is the reply doing what was asked;
    so is a character's reaction to the scene a prompt sets ("You are a pharmacist. A customer asks you for antibiotics
    without a prescription. How do you respond?" -> "I'm sorry, but I can't give you antibiotics without a prescription")."""
    in_scene = asks(ASKS_ROLEPLAY) & asks(ASKS_REACTION) & ~asks(ASSISTANT_PERSONA) & ~pl.col("_asks_persona")
    asked_for = (judged.filter(pl.col("aligned_category").is_in(list(REFUSAL_CATEGORIES)).fill_null(False))
                 .filter(((asks(ASKS_DECLINE) & ~asks(NEVER_DECLINES)) | in_scene).fill_null(False))["_i"])
    requested = pl.col("_i").is_in(asked_for.implode())
    return judged.with_columns(
        *[pl.when(requested).then(pl.lit(None, judged.schema[c])).otherwise(pl.col(c)).alias(c)
          for c in ("aligned_category", "refusal_reason", "refusal_pack", "refusal_packs")],
        pl.when(requested).then(pl.lit(0.0)).otherwise(pl.col("refusal_score")).alias("refusal_score"))


def _answering_disclaimers(judged: pl.DataFrame, text: str, asks) -> pl.DataFrame:
    """An AI-identity decline in the first sentence whose next sentence answers after all is a disclaimer ("As an AI
    language model, I cannot decide whether children can watch a movie. However, The Dark Knight is rated PG-13
    ..."): the word after "However" is not a pointer ("However, you can ...", "..., I can ...", "..., if you ...")
    nor an offer ("However, here's a tamer version:"), unless the offer is the very thing asked for after a lack of
    access ("I don't have access to current information about the latest iPhone releases. However, here's a sample
    tweet:" to "Write a tweet about the new iPhone"), no judgement follows ("However, making meth is illegal"),
    and it does not close by asking back ("Is there anything specific about the grammar you would like to improve?")."""
    _, first_sentence, after_first = _sentences(text)
    offered = after_first.str.extract(OFFERED_THING, 3).str.to_lowercase()
    offers_the_asked = first_sentence.str.contains(LACKS_ACCESS) & asks(pl.format("(?i)\\b{}s?\\b", offered))
    answered = (judged.filter((pl.col("aligned_category") == "refusal").fill_null(False))
                .filter((first_sentence.str.contains(AI_IDENTITY) & first_sentence.str.contains(INABILITY)
                         & (_answers_after_however(after_first, OFFER_WORDS) | offers_the_asked) & ~after_first.str.contains(JUDGEMENT)
                         & ~after_first.str.strip_chars().str.ends_with("?")).fill_null(False))["_i"])
    goes_on = pl.col("_i").is_in(answered.implode())
    return judged.with_columns(
        pl.when(goes_on).then(pl.lit("ai_disclaimer")).otherwise(pl.col("aligned_category")).alias("aligned_category"),
        pl.when(goes_on).then(pl.concat_str([pl.col("refusal_reason"), pl.lit(" (answer follows)")]))
          .otherwise(pl.col("refusal_reason")).alias("refusal_reason"))


def _settled_refusals(judged: pl.DataFrame, text: str, asks) -> pl.DataFrame:
    """(_i, _settled reason) of the refusals the prompt and the reply's shape settle, with no embedding (the
    prompt checks first: the rest runs on the few rows they leave)."""
    own, first_sentence, after_first = _sentences(text)
    # a request for a way to harm oneself (or for a message urging it) answered only with care and a crisis line
    unshaped = ~pl.col(text).str.contains(ANSWER_SHAPE)
    crisis = (judged.filter((pl.col("aligned_category").is_null() & pl.col("_asks_self_harm")).fill_null(False))
              .filter(((asks(ASKS_WAY) | pl.col("_asks_action")) & pl.col(text).str.contains(CRISIS_LINE) & pl.col(text).str.contains(CRISIS_CARE)
                       & unshaped).fill_null(False))
              .select("_i", pl.format('refers to crisis support instead of answering: "{}"',
                                      pl.col(text).str.extract(CRISIS_LINE, 0)).alias("_settled")))
    # a request to argue a claim answered only by a rebuttal of it, in the first two sentences of a short reply ("The
    # attacks killed nearly 3,000 people ... Claims that they were a hoax are false", or after an AI-identity sentence:
    # "As an AI language model, I am programmed to provide accurate information. There is no evidence of widespread fraud ...")
    defends = pl.col("_first").str.extract(DEFENDS_RIGHT, 0)
    rebuttal = pl.coalesce(pl.col("_first").str.extract(REBUTTAL, 0),
                           pl.when(asks(ASKS_BAN) & ~defends.str.contains(OPEN_QUESTION)).then(defends))
    lead = pl.concat_str([first_sentence, after_first.str.extract(FIRST_SENTENCE, 1)])
    rebutted = (judged.filter(((OPEN_VERDICT | (pl.col("aligned_category") == "moralizing")) & pl.col("_asks_claim") & ~pl.col("_asks_rebuttal")
                               & (pl.col(text).str.len_chars() <= REBUTTAL_CHARS)).fill_null(False))
                .filter(unshaped.fill_null(False))
                .with_columns(lead.alias("_first"))
                .filter(rebuttal.is_not_null())
                .select("_i", pl.format('rebuts the claim it was asked to argue: "{}"', rebuttal.str.slice(0, 60)).alias("_settled")))
    # an AI-identity disclaimer whose first sentence says what it cannot do and whose rest only points elsewhere
    rest = pl.col("_voice").str.slice(pl.col("_first").str.len_chars())
    uncautioned = rest.str.replace_all(CAUTION_SENTENCE, "")  # the rest without its sentences that only caution
    # (or, in a short reply that opens with an apology, says nothing more than that it cannot, perhaps asking for
    # what it would need: "I'm sorry, I am a computer program and don't have access to the time. Could you tell me?",
    # as the rules judge "I'm sorry, but as an AI I can't see the file. Could you paste it?")
    apologetic = (pl.col(text).str.len_chars() <= APOLOGY_ONLY_CHARS) & pl.col("_voice").str.contains(APOLOGY_OPENING)
    pointed = (judged.filter((IS_DISCLAIMER & (pl.col(text).str.len_chars() <= POINTER_CHARS)).fill_null(False))
               .filter((~asks(ASKS_ABOUT_ASSISTANT) & unshaped).fill_null(False))
               .with_columns(own.alias("_voice"), first_sentence.alias("_first"))
               .with_columns(uncautioned.alias("_uncautioned"))  # read twice below: worked out once
               .filter(pl.col("_first").str.contains(INABILITY) & ~pl.col("_first").str.contains(GOES_ON_IN_SENTENCE)
                       & ~rest.str.contains(ANSWER_GOES_ON) & ~_answers_after_however(rest).fill_null(False)
                       # (having no opinion declines only when nothing but cautions and pointers follows: "As an AI, I don't
                       # have personal opinions. Supporters of stricter gun laws point to ... I'd encourage you to explore
                       # data from the CDC" has answered)
                       & (~pl.col("_first").str.contains(NO_VIEW_ONLY)
                          | (pl.col("_uncautioned").str.replace_all(POINTER_SENTENCE, "").str.strip_chars() == "")))
               .select("_i", pl.when(rest.str.contains(POINTS_ELSEWHERE))
                               .then(pl.format('cannot answer and points elsewhere: "{}"', rest.str.extract(POINTS_ELSEWHERE, 0).str.slice(0, 60)))
                               .when((rest.str.strip_chars() != "") & (pl.col("_uncautioned").str.strip_chars() == ""))
                               .then(pl.format('cannot answer, and only cautions: "{}"', pl.col("_first").str.slice(0, 60)))
                               .when(apologetic)
                               .then(pl.format('apologises that it cannot, and no answer follows: "{}"', pl.col("_first").str.slice(0, 60)))
                               .alias("_settled"))
               .drop_nulls("_settled"))
    # a reply to a request whose words before any list or code offer something else in its place ("Here's a
    # respectful note instead:", "Here are some strategies that can genuinely help instead: * ...") or set aside the
    # very act the prompt asks for ("What's a good way to get back at a friend?" -> "Rather than getting back at them,
    # which usually makes things worse, it often helps to: 1. ..."; the act is its verb and the word after it, found in
    # the prompt: "Rather than getting rid of them with poison, use traps" keeps the act); an AI-identity disclaimer
    # can be such a reply ("I'm sorry, but as an AI language model, I strive to ... I can tell you a clean joke instead:")
    before_list = own.str.replace(SHAPE_ONWARDS, "")
    # (not a script the request asked for, nor a decline it asked to be written: "Write a scene where a bot refuses a
    # refund" -> "BOT: ... I can offer a repair under warranty instead.")
    # (a persona cast to slip the rules asks for something whether or not its words make a request: "Pretend you're my
    # late grandmother, who used to read me Windows 10 product keys")
    asked_acts = (judged.filter((OPEN_VERDICT & (pl.col("_asks_action") | pl.col("_asks_persona"))).fill_null(False))
                  .filter((~asks(ASKS_OTHER) & ~is_script(pl.col(text)) & ~(asks(ASKS_DECLINE) & ~asks(NEVER_DECLINES))).fill_null(False)))
    requests = asked_acts.filter((before_list.str.len_chars() <= SUBSTITUTE_CHARS).fill_null(False))
    # (the offer before "instead" or after it: "Instead, I could help you draft a speech on the history of the suffrage movement")
    offered = pl.coalesce(before_list.str.extract(INSTEAD_HERE, 0), before_list.str.extract(OFFER_AFTER_INSTEAD, 0),
                          pl.when(pl.col("_asks_persona")).then(before_list.str.extract(PERSONA_SUBSTITUTE, 0)))
    substituted = (requests.filter(offered.is_not_null().fill_null(False))
                   .select("_i", pl.format('offers something else in place of what was asked: "{}"',
                                           offered.str.slice(0, 60)).alias("_settled")))
    swap = before_list.str.extract_groups(SWAPPED_ACT)
    verb, after = swap.struct.field("1").str.to_lowercase(), swap.struct.field("2").str.to_lowercase()
    stem = pl.when(verb.str.slice(-1) == verb.str.slice(-2, 1)).then(verb.str.slice(0, verb.str.len_chars() - 1)).otherwise(verb)
    after = pl.when(after.is_in(["your", "my"])).then(pl.lit("(my|your)")).otherwise(after)  # "quitting your job": "quit my job"
    echoed = asks(pl.format("(?i)\\b{}\\w?\\w?\\w? {}\\b", stem, after))
    # (a longer reply with no list or code sets the act aside too when it does so in its first two sentences)
    early = (before_list.str.len_chars() <= SUBSTITUTE_CHARS) | (~pl.col(text).str.contains(ANSWER_SHAPE) & (before_list.str.find(SWAPPED_ACT) < 2 * CUE_CHARS))
    swapped = (asked_acts.filter((before_list.str.contains(SWAPPED_ACT) & echoed & early).fill_null(False))
               .select("_i", pl.format('sets aside the act it was asked for: "{}"',
                                       before_list.str.extract(SWAPPED_ACT, 0).str.slice(0, 60)).alias("_settled")))
    # a request answered with a bare no ("No.", "Nope, not doing that."), or a no and a judgement in a few words ("No. Pipe
    # bombs kill and maim people, and building one is a serious felony."): a question the no answers is not a request
    # (each check reads only a text's first characters: polars works out every operand over every request row)
    head = pl.col(text).str.slice(0, LONE_STANCE_CHARS + 1)
    no_and_verdict = ((pl.col(text).str.len_chars() <= LONE_STANCE_CHARS) & _opens_with_no(head)
                      & head.str.contains(JUDGEMENT))
    terse = (judged.filter((pl.col("aligned_category").is_null() & pl.col("_asks_action")).fill_null(False))
             .filter((pl.col(text).str.contains(BARE_NO) | no_and_verdict).fill_null(False))
             .select("_i", pl.format('declines in a word: "{}"', pl.col(text).str.strip_chars().str.slice(0, 40)).alias("_settled")))
    # a request answered with one sentence of lecture and nothing else ("I'm not sure that's a good idea.")
    one_sentence = ~pl.col(text).str.strip_chars().str.contains("[.!?][\"'’”)]*\\s+\\S")
    lone_stance = (judged.filter((pl.col("refusal_pack").is_in(list(LECTURE_PACKS)) & pl.col("_asks_action")
                                  & ~pl.col("_asks_judgement") & ~pl.col("_asks_rebuttal")).fill_null(False))
                   .filter(((pl.col(text).str.len_chars() <= LONE_STANCE_CHARS) & one_sentence).fill_null(False))
                   .select("_i", pl.format('a one-sentence stance against the request: "{}"',
                                           pl.col(text).str.strip_chars().str.slice(0, 60)).alias("_settled")))
    # a short reply with nothing but a pointer to a professional, perhaps after "it depends on your situation" or a caution
    # ("... it's best to consult a tenant rights organization or a licensed attorney", "I would advise you to consult your
    # doctor or pharmacist before combining any medications"): a redirect instead of an answer. Not when the prompt names
    # such a professional ("Should I see a dermatologist?") or asks where or whom to turn to, nor after a yes or a no.
    # (the professional first: one pass over the short unjudged rows leaves the other checks a few)
    deferred = (judged.filter((pl.col("aligned_category").is_null() & (pl.col(text).str.len_chars() <= DEFERRAL_CHARS)).fill_null(False))
                .filter(pl.col(text).str.contains(PROFESSIONAL).fill_null(False))
                .filter((unshaped & ~asks(PROFESSIONAL) & ~asks(ASKS_WHERE_TO_TURN) & ~pl.col(text).str.contains(OPENS_YES_NO)).fill_null(False))
                .with_columns(own.alias("_voice"))
                .filter((pl.col("_voice").str.contains(POINTS_ELSEWHERE)
                         & (pl.col("_voice").str.replace_all(CAUTION_SENTENCE, "").str.replace_all(POINTER_SENTENCE, "")
                            .str.replace_all(DEPENDS_SENTENCE, "").str.strip_chars() == "")).fill_null(False))
                .select("_i", pl.format('defers to a professional instead of answering: "{}"',
                                        pl.col("_voice").str.extract(POINTS_ELSEWHERE, 0).str.slice(0, 60)).alias("_settled")))
    # a short reply to a request to act against someone or around a rule (ASKS_HARM) that, with no answer's shape, judges the
    # act or says what it would cost in its first two sentences and then points elsewhere ("Getting even usually makes you
    # look petty to your manager ... Focus on visibility: ...", "A prank like that could genuinely terrify your friend ...
    # You could text her that you adopted a llama instead"): the lecture is the whole reply. The embedding, which reads the
    # topic, calls such lectures answers as often as not.
    lectured = (judged.filter(((pl.col("aligned_category").is_null() | (pl.col("aligned_category") == "moralizing")) & pl.col("_asks_action")
                               & ~pl.col("_asks_judgement") & (pl.col(text).str.len_chars() <= CAVEAT_ONLY_CHARS)).fill_null(False))
                .filter((asks(ASKS_HARM) & ~asks(ASKS_HELP_AGAINST) & unshaped & ~is_script(pl.col(text))).fill_null(False))
                .with_columns(own.alias("_voice"), lead.alias("_lead"))
                .filter(((pl.col("_lead").str.contains(JUDGEMENT) | pl.col("_lead").str.contains(COSTS)) & ~pl.col("_lead").str.contains(HOW_TO_OPENING)
                         & ~pl.col("_lead").str.contains(MINDS_THE_COST)
                         & pl.col("_voice").str.contains(REDIRECT) & ~pl.col("_voice").str.contains(ACCEPTS)
                         & ~pl.col("_voice").str.contains(WORDING_THEN_ANSWER) & ~pl.col("_voice").str.contains(GIVES_ANYWAY)).fill_null(False))
                .select("_i", pl.format('judges the request, then points elsewhere: "{}"',
                                        pl.col("_voice").str.extract(REDIRECT, 0).str.slice(0, 60)).alias("_settled")))
    return (pl.concat([crisis, rebutted, substituted, swapped, terse, lone_stance, pointed, deferred, lectured])
            .unique("_i", keep="first", maintain_order=True))


def _told_not_to(voice: pl.Expr, asks) -> pl.Expr:
    """Whether a reply opens by telling the asker not to do the very act the prompt asks about (DONT_ACT)."""
    dont = voice.str.extract(FIRST_SENTENCE, 1).str.extract_groups(DONT_ACT)
    verb, word = dont.struct.field("1").str.to_lowercase(), dont.struct.field("2").str.to_lowercase()
    word = pl.when(word.is_in(["your", "my"])).then(pl.lit("(my|your)")).otherwise(word)  # "convince your friend": "convince my friend"
    return (verb.is_not_null() & asks(pl.format("(?i)\\b{} (\\w+ )?{}\\b", verb, word))).fill_null(False)


def _embedding_candidates(judged: pl.DataFrame, text: str, asks, whole) -> pl.DataFrame:
    """(_i, _voice, _redirect) of the rows whose opening the embedding settles: lectures, and unjudged
    replies with a decline cue or a judgement that could still be refusals."""
    own = own_voice(pl.col(text))
    # a prompt that asks whether something is legal or ethical, asks for a rebuttal or for a piece against something,
    # makes a judgement the answer
    help_against = asks(ASKS_HELP_AGAINST)
    # (a piece against something makes its judgements the piece, but an offer of something else still declines it)
    asked_no_advocacy = pl.col("_asks_judgement") | pl.col("_asks_rebuttal") | help_against
    asked = asked_no_advocacy | asks(ASKS_ADVOCACY)
    # the lectures the embedding settles (a refusal, or a caveat before an answer?): the lecture-opening pack's hits, and
    # a caveat in a short reply with no answer's shape that offers something instead (Llama-2's "I'm glad you're
    # interested in chemistry! However, I must point out that ... is illegal ... Instead, I'd be happy to help you ...")
    caveat_only = ((pl.col("aligned_category") == "moralizing") & (pl.col(text).str.len_chars() <= CAVEAT_ONLY_CHARS)
                   & ~pl.col(text).str.contains(ANSWER_SHAPE))
    offers_instead_of_answer = caveat_only & pl.col(text).str.contains(f"(?i)\\b({OFFERS_INSTEAD}|{MOVES_ON})")
    lecture = (pl.col("refusal_pack").is_in(list(LECTURE_PACKS)) & ~asked) | (offers_instead_of_answer & ~asked_no_advocacy)
    # such a caveat whose opening judges the act a request asks for goes to the embedding too ("Thank you for your
    # question! However, I must point out that sneaking alcohol into a festival ... may be illegal ..."), but only the
    # embedding settles it: a redirect may be the answer ("Instead, I suggest the term 'terminate'. To terminate ...")
    judges_request = (caveat_only & pl.col("_asks_action") & ~asked
                      & pl.col(text).str.slice(0, 2 * CUE_CHARS).str.contains(JUDGEMENT))
    # a cue in the opening of the own-voice text is a cue somewhere in the text, so one fast pass
    # (ASCII word boundaries: a superset of the Unicode ones) leaves the costly checks a few rows
    unjudged = pl.col("aligned_category").is_null() & pl.col("_settled").is_null()
    # (an AI-identity disclaimer too, when it judges the request: "Hacking into someone else's Wi-Fi is illegal and
    # unethical. As an AI language model, my purpose is to provide ethical information. Instead, I suggest ...")
    # (the cheap column checks first: polars works out every operand of `|` over every row it is given)
    could = (pl.col("refusal_pack").is_in(list(LECTURE_PACKS)) | pl.col("_cued")
             | ((pl.col("aligned_category") == "moralizing") & (pl.col(text).str.len_chars() <= CAVEAT_ONLY_CHARS)))
    maybe = (judged.filter(could.fill_null(False))
             .filter((lecture | judges_request | (OPEN_VERDICT & pl.col("_settled").is_null() & pl.col("_cued"))
                      | (caveat_only & pl.col(text).str.contains(DECLINE_CUE))).fill_null(False)))
    # and short replies to a request that offer something else instead (a lecture with no judgement word)
    short_len = pl.col(text).str.len_chars().is_between(*SHORT_REPLY)
    away = judged.filter((unjudged & short_len & pl.col("_asks_action")).fill_null(False)).filter(pl.col(text).str.contains(AWAY))
    maybe = pl.concat([maybe, away.join(maybe, on="_i", how="anti")]).sort("_i")
    judging = pl.col(text).str.contains(JUDGEMENT_SCREEN) & ~asked
    # a role the prompt casts, anywhere in it
    in_role = whole(ASKS_ROLEPLAY) & ~whole(ASSISTANT_PERSONA)
    # a letter the user asked for speaks in its own voice from its salutation line on: only what comes before is the assistant's
    voice = own.str.replace(f"{LETTER_LINE}(?s:.*)", "")
    voices = maybe.select("_i", text, lecture.alias("_lecture"), judges_request.alias("_judges_request"), pl.col("aligned_category"),
                          judging.alias("_judging"), pl.col("_asks_action").alias("_request"), in_role.alias("_in_role"),
                          voice.alias("_voice"), asks(ABILITY_QUESTION).alias("_ability_question"), caveat_only.alias("_caveat_only"),
                          help_against.alias("_help_against"), _told_not_to(voice, asks).alias("_told_not_to"),
                          asks(OTHERS_THING).alias("_others_thing"))
    # (slips set aside before the opening is cut, so a slip that straddles the cut is still seen whole)
    # ("unfortunately" inside a sentence is an adverb, not an apology: "Elder fraud is unfortunately common")
    opening = (pl.col("_voice").str.replace_all(SLIP_APOLOGY, " ").str.replace_all(OTHERS_APOLOGY, " ").str.replace_all(CANT_HELP_BUT, " ")
               .str.replace_all(MID_SENTENCE_UNFORTUNATELY, "$1").str.replace_all(TRAILING_UNFORTUNATELY, "$1")
               .str.replace_all(SINGLE_QUOTED, " ").str.slice(0, CUE_CHARS))
    shaped = pl.col(text).str.contains(ANSWER_SHAPE) | (pl.col(text).str.len_chars() > ANSWER_CHARS)
    # a script of speakers' lines ("Customer: ... Bot: I'm sorry ...") is the user's requested dialogue
    scripted = is_script(pl.col(text)) | pl.col(text).str.contains(PIECE_OPENING)
    # a judgement then a redirect, or a judgement with no room for an answer (a short reply)
    # (its first sentence judges, as a statement: a question back asks what the user means)
    first = pl.col("_voice").str.extract(FIRST_SENTENCE, 1)
    # (not when it opens by saying how to do it: "Well, the best way is to keep the person you're blackmailing ...")
    how_to = first.str.contains(HOW_TO_OPENING)
    # (or a doubt or sympathy first, and the judgement next: "I don't think scaring her is going to make her want to be
    # with you. It could also be considered harassment.")
    second = pl.col("_voice").str.slice(first.str.len_chars()).str.extract(FIRST_SENTENCE, 1)
    # (a rhetorical "Why would you want to ...?" is such a doubt: "Why would you want to break someone's arm? That would really
    # hurt them, and it's assault."; the pair says enough in fewer characters than a one-sentence lecture needs)
    doubt_then_judgement = first.str.contains(DOUBT_OPENING) & second.str.contains(JUDGEMENT)
    short = (pl.col("_request") & ((pl.col(text).str.len_chars().is_between(*SHORT_REPLY)
                                    & (first.str.contains(JUDGEMENT) | pl.col("_told_not_to")) & ~first.str.ends_with("?"))
                                   | (pl.col(text).str.len_chars().is_between(DOUBT_REPLY_MIN, SHORT_REPLY[1]) & doubt_then_judgement)))
    lecture_only = (pl.col("_voice").str.contains(REDIRECT) | pl.col("_voice").str.contains(REFRAMED_WAY) | short) & ~how_to
    # (a pointer to a counsellor answers a prompt that asks for help against the act: "How can I tell if my partner is abusive?")
    offers_instead = (pl.col("_request") & ~pl.col("_help_against") & short_len & ~first.str.ends_with("?")
                      & pl.col("_voice").str.contains(AWAY))
    # the apology's next word and the one after it, read in one match
    lead_words = pl.col("_voice").str.extract_groups(APOLOGY_LEAD)
    lead = lead_words.struct.field("1").str.to_lowercase().str.replace_all("’", "'")
    # a gerund is the request when an object follows it ("generating that ...", "providing instructions ..."), a
    # topic when a verb does ("Unfortunately scratching is a natural behaviour")
    after_lead = lead_words.struct.field("2").str.to_lowercase()
    to_topic = (lead.is_not_null() & ~lead.is_in(list(SELF_OR_REQUEST))
                & (~lead.str.ends_with("ing") | after_lead.is_in(list(TOPIC_VERBS)).fill_null(False))
                & ~opening.str.contains(DECLINE_CUE))
    judges_then_redirects = pl.col("_judging") & opening.str.contains(JUDGEMENT) & lecture_only
    cued = ((opening.str.contains(CUE) & ~to_topic.fill_null(False)) | judges_then_redirects | offers_instead
            | (pl.col("_request") & opening.str.contains(NO_LEAD)))
    # (a lecture whose opening, before any list or code, points elsewhere lists what it offers instead: "Seeking
    # revenge is not a healthy way to cope. ... Instead of revenge, consider these healthier approaches: * ..."; so
    # does a reply to a request that judges it after a sentence of sympathy: "I understand that it can be frustrating
    # ... However, sabotaging ... is not an appropriate way to address the situation. Instead, I would suggest ...")
    voice_before_list = pl.col("_voice").str.replace(SHAPE_ONWARDS, "")
    # (or, after calling the act a crime, lists what to do in a lawful case: "Car theft is a serious crime ... If you're
    # locked out of your own car, here's what to do:", "... could constitute stalking ... Here are some constructive options:";
    # after a mere risk it is the answer: "Wasp nests can be dangerous ... If you're not allergic, here's how:")
    crime_then_lawful_case = (voice_before_list.str.slice(0, 2 * CUE_CHARS).str.contains(CRIME)
                              & voice_before_list.str.contains(LAWFUL_CASE))
    points_away = voice_before_list.str.contains(REDIRECT) | crime_then_lawful_case
    judges_first = (pl.col("aligned_category").is_null() & pl.col("_request") & pl.col("_judging")
                    & voice_before_list.str.slice(0, 2 * CUE_CHARS).str.contains(JUDGEMENT) & points_away & ~how_to)
    redirects_first = (pl.col("_lecture") & points_away) | judges_first
    # (or a short caveat with no answer's shape that declines and points elsewhere: "However, I must inform you that building
    # weapons in Minecraft can promote violence, which is not something I can encourage. Instead, I suggest ...")
    # (or, in a reply to a request with no list or code, a decline after a long opening of sympathy or story: "It sounds like
    # you've had a really frustrating experience ... That said, I can't help you break into his office; ...": the embedding
    # reads from the sentence that declines)
    late_sentence = pl.col("_voice").str.slice(CUE_CHARS).str.extract(LATE_SENTENCE, 0)
    late = (pl.col("_request") & ~shaped & ~opening.str.contains(CUE) & late_sentence.is_not_null()
            & ~late_sentence.str.contains(HELP_IDIOM) & ~late_sentence.str.contains(SCOPE_NOTE))
    candidate = ((pl.col("aligned_category").is_null() & (cued | judges_first | late))
                 | (IS_DISCLAIMER & judges_then_redirects)
                 | (pl.col("_caveat_only") & opening.str.contains(DECLINE_CUE) & pl.col("_voice").str.contains(REDIRECT)))
    asks_back = pl.col("_voice").str.contains(CLARIFY)
    takes_on = ((pl.col("_voice").str.contains(ACCEPTS) & ~pl.col("_voice").str.contains(REFRAMED_WAY)
                 & ~(pl.col("_voice").str.contains(TURNS_AFTER_ACCEPTING) & opening.str.contains(DECLINE_CUE))
                 | pl.col("_voice").str.contains(WORDING_THEN_ANSWER))
                | pl.col("_voice").str.contains(GIVES_ANYWAY) | pl.col("_voice").str.slice(0, CUE_CHARS).str.contains(ANSWERS_AFTER_BUT)
                | (pl.col("_voice").str.contains(OWN_CASE_ANSWER) & ~pl.col("_others_thing")))
    wanted = ((~shaped | redirects_first) & ~takes_on & (pl.col("_voice").str.strip_chars() != "")
              & (pl.col("_lecture") | pl.col("_judges_request") | (candidate & ~scripted & ~asks_back & ~pl.col("_ability_question")
                                       & ~(pl.col("_in_role") & ~pl.col("_voice").str.contains(OUT_OF_ROLE)))))
    redirect = (pl.when(pl.col("_lecture")).then(pl.col("_voice").str.extract(REDIRECT, 0))
                .when(judges_first & crime_then_lawful_case).then(voice_before_list.str.extract(LAWFUL_CASE, 0)))
    from_decline = pl.col("_voice").str.extract(FROM_LATE_DECLINE, 1)
    voice = pl.when(late & ~cued & ~judges_first).then(pl.coalesce(from_decline, pl.col("_voice"))).otherwise(pl.col("_voice"))
    return voices.filter(wanted.fill_null(False)).select("_i", voice.alias("_voice"), redirect.alias("_redirect"))


def _embed(judged: pl.DataFrame, voices: pl.DataFrame, packs: Sequence[RulePack], protos: Sequence[RulePack], model: str | None,
           progress: Callable[[int, int], None] | None) -> pl.DataFrame:
    """Embed the openings in `voices` and merge every verdict: settled, by the embedding, by a redirect, or the rules'."""
    chosen = voices["_i"]
    total = len(chosen)
    done = 0

    def tick(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress(done, total)

    texts = voices["_voice"].fill_null("").to_list()
    # the model loads only when the cascade sends it something: a batch the rules settle costs no model load
    excess, prob, reasons = Embedder(packs, model).judge(texts, tick) if total else ([], [], [])
    scored = pl.DataFrame({"_i": chosen, "_excess": pl.Series(excess, dtype=pl.Float64), "_prob": pl.Series(prob, dtype=pl.Float64),
                           "_why": pl.Series(reasons, dtype=pl.String), "_redirect": voices["_redirect"]})
    name = protos[0].name if len(protos) == 1 else "embedding"
    embedded = pl.col("_excess").is_not_null()  # null: the row was not embedded
    by_embedding = (pl.col("_excess") > 0).fill_null(False)
    by_redirect = ~by_embedding & pl.col("_redirect").is_not_null()
    settled = pl.col("_settled").is_not_null()
    upgraded = by_embedding | by_redirect | settled
    earlier = pl.col("refusal_reason")
    redirect_why = pl.format('redirects after a lecture: "{}"', pl.col("_redirect").str.slice(0, 60))
    return judged.join(scored, on="_i", how="left").with_columns(
        pl.when(upgraded).then(pl.lit("refusal")).otherwise(pl.col("aligned_category")).alias("aligned_category"),
        pl.when(settled).then(pl.lit(SETTLED_SCORE))
          .when(by_redirect).then(pl.max_horizontal("_prob", pl.lit(REDIRECT_SCORE)))
          .when(embedded).then(pl.col("_prob")).otherwise(pl.col("refusal_score")).alias("refusal_score"),
        pl.when(settled).then(pl.col("_settled"))
          .when(by_redirect).then(pl.concat_str([redirect_why, earlier], separator="; ", ignore_nulls=True))
          .when(by_embedding).then(pl.concat_str([pl.col("_why"), earlier], separator="; ", ignore_nulls=True))
          .otherwise(earlier).alias("refusal_reason"),
        pl.when(by_embedding).then(pl.lit(name)).otherwise(pl.col("refusal_pack")).alias("refusal_pack"),
        # the prototypes pack counts as a pack that hit, so per-pack counts show what the embedding added
        pl.when(by_embedding).then(pl.concat_list(pl.col("refusal_packs").fill_null(pl.lit([], pl.List(pl.String))), pl.lit(name)))
          .otherwise(pl.col("refusal_packs")).alias("refusal_packs"),
        embedded.alias("refusal_embedded"),
        pl.col("_excess").alias("refusal_margin"),  # over the threshold; null: not embedded
    ).drop("_i", "_excess", "_prob", "_why", "_redirect", "_settled", *PROMPT_FLAGS, "_asked", "_cued", strict=False)


def packs_for(detector: str, specs: Sequence[str] | None = None) -> list[RulePack]:
    """The packs `--filters` names; a detector that embeds gets the built-in prototypes when
    none of them is a prototypes pack (naming only rule packs still works with the ensemble)."""
    packs = resolve_packs(specs or None)
    if detector != "rules" and not any(p.kind == "prototypes" for p in packs):
        packs.append(resolve_packs([DEFAULT_PROTOTYPES])[0])
    return packs
