/*
 * Chinese search, worker part: wraps Material's own search worker, loaded below unchanged.
 * Started as workers/search-zh.js?m=<file name of Material's worker> (see ../search-zh.js).
 *
 * - Builds the Lunr query from the words typed. Every run of Chinese characters is looked
 *   up whole and inside longer index tokens (*乡村振兴*), plus the index words it is made
 *   of. Material's own segmenter never tries the whole run (乡村振兴 became 乡村), and jieba
 *   may have cut the same words differently at build time.
 * - Ranks results: exact phrase in the title, then exact phrase in the text, then all the
 *   words, then the rest; inside each rank, titles the phrase fills most of come first,
 *   otherwise Material's order is kept.
 * - Marks the whole phrase in titles and snippets (or, where it is not there, the words of it
 *   that are) and hands the same to the page highlighter (?h=), instead of the index tokens
 *   Lunr matched, which may be only part of a word (乡村 of 乡村振兴) or much longer.
 */
(function () {
  "use strict"

  var SETUP = 0, QUERY = 2, RESULT = 3
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]/
  var RUNS = /[\u3400-\u9fff\uf900-\ufaff]+|[^\u3400-\u9fff\uf900-\ufaff]+/g

  var state = {
    query: "",                  // the query as typed
    pieces: [],                 // the query's runs and the index words found inside them
    separator: /[\s\u200b]+/g,  // replaced by the index's own separator on setup
    docs: {}                    // location -> title and text, without markup and separators
  }

  function plain(value) {
    return String(value).replace(/<[^>]*>/g, "")
      .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&amp;/g, "&")
  }

  function squash(value) {
    return plain(value).replace(state.separator, "").toLowerCase()
  }

  function words(query) {
    return query.split(state.separator).filter(Boolean)
  }

  function escape(value) {
    return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  }

  // Our listener is added before Material's, so it sees every message first.
  addEventListener("message", function (ev) {
    var message = ev.data
    if (message.type === SETUP) {
      state.separator = new RegExp(message.data.config.separator, "g")
      message.data.docs.forEach(function (doc) {
        state.docs[doc.location] = { title: squash(doc.title), text: squash(doc.text || "") }
      })
    } else if (message.type === QUERY) {
      state.query = String(message.data)
    }
  })

  var post = self.postMessage.bind(self)
  self.postMessage = function (message, transfer) {
    if (message && message.type === RESULT && message.data && message.data.items)
      rank(message.data)
    return transfer ? post(message, transfer) : post(message)
  }

  var material = new URLSearchParams(location.search).get("m") || ""
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material))
    throw new Error("search-zh: unexpected worker " + material)
  importScripts(material)

  var lunr = self.lunr
  var wildcard = lunr.Query.wildcard

  // Longest index words, left to right; single characters are left out (too common).
  function segment(run, vocabulary) {
    var pieces = []
    for (var i = 0; i < run.length;) {
      var j = run.length
      while (j > i + 1 && !(run.slice(i, j) in vocabulary))
        j--
      if (j > i + 1) {
        if (j - i < run.length)
          pieces.push(run.slice(i, j))
        i = j
      } else {
        i++
      }
    }
    return pieces
  }

  // Material calls index.search() with its own rewrite of the query; we build ours instead.
  lunr.Index.prototype.search = function () {
    var vocabulary = this.invertedIndex
    state.pieces = []
    return this.query(function (query) {
      words(state.query.toLowerCase()).forEach(function (word) {
        var runs = word.match(RUNS) || []
        runs.forEach(function (run) {
          if (run.length === 1 && (runs.length > 1 || !HAN.test(run)))
            return  // a lone sign or character inside a longer word (the + of 党建+业务)
          if (run.length > 1)
            state.pieces.push(run)
          if (!HAN.test(run)) {
            query.term(run, { usePipeline: true })
            query.term(run, { usePipeline: false, wildcard: wildcard.TRAILING })
          } else if (run.length === 1) {
            query.term(run, { usePipeline: false, wildcard: wildcard.TRAILING })
          } else {
            query.term(run, { usePipeline: false, wildcard: wildcard.LEADING | wildcard.TRAILING, boost: 10 })
            segment(run, vocabulary).forEach(function (piece) {
              state.pieces.push(piece)
              query.term(piece, { usePipeline: false, wildcard: wildcard.LEADING | wildcard.TRAILING })
            })
          }
        })
      })
    })
  }

  // Wrap every occurrence of the needles in <mark>, longest first, allowing separators
  // (jieba's \u200b) between their characters; markup is never split. Material's own marks
  // cover whole index tokens, which may be much longer than what was asked: they are
  // replaced, unless none of the needles is found.
  function mark(value, needles) {
    if (!needles.length)
      return value
    var gap = "(?:" + state.separator.source + ")?"
    var pattern = new RegExp(needles.slice().sort(function (a, b) { return b.length - a.length })
      .map(function (needle) { return needle.split("").map(escape).join(gap) }).join("|"), "gi")
    var found = false
    var marked = value.replace(/<\/?mark>/g, "").split(/(<[^>]*>)/).map(function (part, i) {
      return i % 2 ? part : part.replace(pattern, function (match) {
        found = true
        return "<mark>" + match + "</mark>"
      })
    }).join("")
    return found ? marked : value
  }

  function rank(result) {
    var phrase = squash(state.query)
    var parts = words(state.query)
    if (!phrase)
      return
    var keys = parts.map(squash)
    var needles = keys.concat(state.pieces.map(squash)).filter(Boolean)
    var groups = result.items.map(function (items) {
      var top = 0
      items.forEach(function (item) {
        var doc = state.docs[item.location] || { title: "", text: "" }
        var has = function (key) { return doc.title.indexOf(key) >= 0 || doc.text.indexOf(key) >= 0 }
        var inTitle = doc.title.indexOf(phrase) >= 0
        var inText = doc.text.indexOf(phrase) >= 0
        var terms = {}
        var found = 0
        parts.forEach(function (part, k) {
          terms[part] = has(keys[k])
          found += terms[part] ? 1 : 0
        })
        if (!found)
          state.pieces.forEach(function (piece) { if (has(piece)) terms[piece] = true })
        var level = (inTitle ? 4 : 0) + (inTitle || inText ? 2 : 0) + (found === parts.length ? 1 : 0)
        // Inside a level: a title the phrase fills most of first (三下三帮 before “三下三帮”项目
        // 清单制), otherwise Material's own order.
        var within = inTitle ? phrase.length / doc.title.length : item.score / (item.score + 1)
        item.score = level + 0.999 * within
        item.terms = terms
        // Each field marks the whole phrase where it holds it, else the words of it it holds.
        item.title = mark(item.title, inTitle ? [phrase] : needles)
        item.text = mark(item.text, inText ? [phrase] : needles)
        top = Math.max(top, item.score)
      })
      items.sort(function (a, b) { return b.score - a.score })
      return { items: items, top: top }
    })
    groups.sort(function (a, b) { return b.top - a.top })
    result.items = groups.map(function (group) { return group.items })
  }
})()
