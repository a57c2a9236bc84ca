// The browser uploader. It speaks the same protocol as huggingface_hub: preupload (LFS or inline), the git-lfs
// batch API with multipart transfers, then one commit. Files are hashed here (SHA-256, incrementally over slices,
// never read whole into memory) and sent in parts; the parts already stored are remembered in localStorage, so an
// upload interrupted by a dropped connection or a reload continues where it stopped once the files are chosen again.
(function () {
  'use strict';

  var root = document.getElementById('uploader');
  if (!root) return;

  var API_BASE = root.getAttribute('data-api-base');
  var LFS_BATCH = root.getAttribute('data-lfs-batch');
  var BRANCH = root.getAttribute('data-branch');
  var FILES_URL = root.getAttribute('data-files-url');
  var STATE_PREFIX = 'stoa-upload:' + root.getAttribute('data-repo') + ':';
  var HASH_PREFIX = 'stoa-sha256:';
  var HASH_SLICE = 8 * 1024 * 1024;
  var PARALLEL_PARTS = 3;
  var MAX_TRIES = 5;
  var LFS_JSON = 'application/vnd.git-lfs+json';

  var tbody = document.querySelector('#upload-list tbody');
  var emptyNote = document.getElementById('empty-list');
  var startButton = document.getElementById('start-upload');
  var clearButton = document.getElementById('clear-list');
  var overall = document.getElementById('overall-progress');
  var summary = document.getElementById('upload-summary');
  var result = document.getElementById('upload-result');
  var dropzone = document.getElementById('dropzone');

  var items = [];
  var busy = false;

  // ---------- choosing files

  function cleanPath(path) {
    return path.replace(/\\/g, '/').split('/').filter(function (s) { return s !== '' && s !== '.'; }).join('/');
  }

  function add(file, relativePath) {
    var path = cleanPath(relativePath || file.name);
    if (!path) return;
    for (var i = 0; i < items.length; i++) {
      if (items[i].relative === path) { items[i].file = file; return; }
    }
    var row = document.createElement('tr');
    var name = cell(row, 'path');
    name.textContent = path;
    cell(row, 'num').textContent = Stoa.formatBytes(file.size);
    var bar = document.createElement('progress');
    bar.max = 1;
    bar.value = 0;
    bar.setAttribute('aria-label', 'Progress of ' + path);
    cell(row, 'progress-cell').appendChild(bar);
    var status = cell(row, 'status');
    status.textContent = 'Waiting';
    var remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'small secondary';
    remove.textContent = 'Remove';
    remove.setAttribute('aria-label', 'Remove ' + path + ' from the list');
    cell(row, '').appendChild(remove);
    var item = { file: file, relative: path, row: row, bar: bar, status: status, sent: 0, hashed: 0 };
    remove.addEventListener('click', function () {
      if (busy) return;
      items.splice(items.indexOf(item), 1);
      row.remove();
      refreshList();
    });
    items.push(item);
    tbody.appendChild(row);
    refreshList();
  }

  function cell(row, className) {
    var td = document.createElement('td');
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function refreshList() {
    emptyNote.hidden = items.length > 0;
    items.forEach(function (it) { it.row.querySelector('button').disabled = busy; });
    startButton.disabled = busy || items.length === 0;
    clearButton.disabled = busy;
    if (!busy) {
      var total = items.reduce(function (n, it) { return n + it.file.size; }, 0);
      summary.textContent = items.length ? items.length + ' file(s), ' + Stoa.formatBytes(total) + ' to upload.' : 'Nothing uploaded yet.';
    }
  }

  document.getElementById('pick-files').addEventListener('change', function (event) {
    Array.prototype.forEach.call(event.target.files, function (f) { add(f, f.name); });
    event.target.value = '';
  });
  document.getElementById('pick-folder').addEventListener('change', function (event) {
    Array.prototype.forEach.call(event.target.files, function (f) { add(f, f.webkitRelativePath || f.name); });
    event.target.value = '';
  });
  clearButton.addEventListener('click', function () {
    if (busy) return;
    items = [];
    tbody.textContent = '';
    result.textContent = '';
    refreshList();
  });

  ['dragenter', 'dragover'].forEach(function (type) {
    dropzone.addEventListener(type, function (event) { event.preventDefault(); dropzone.classList.add('dragging'); });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    dropzone.addEventListener(type, function () { dropzone.classList.remove('dragging'); });
  });
  dropzone.addEventListener('drop', function (event) {
    event.preventDefault();
    if (busy) return;
    var list = event.dataTransfer.items;
    if (list && list.length && list[0].webkitGetAsEntry) {
      Array.prototype.forEach.call(list, function (entry) {
        var e = entry.webkitGetAsEntry();
        if (e) walk(e, '');
      });
    } else {
      Array.prototype.forEach.call(event.dataTransfer.files, function (f) { add(f, f.name); });
    }
  });
  dropzone.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); document.getElementById('pick-files').click(); }
  });

  /** A dropped folder: every file below it, with its path inside the folder. */
  function walk(entry, prefix) {
    if (entry.isFile) {
      entry.file(function (f) { add(f, prefix + entry.name); });
    } else if (entry.isDirectory) {
      var reader = entry.createReader();
      var next = function () {
        reader.readEntries(function (children) {
          if (!children.length) return;
          children.forEach(function (child) { walk(child, prefix + entry.name + '/'); });
          next();
        });
      };
      next();
    }
  }

  // ---------- progress

  function setStatus(item, text, kind) {
    item.status.textContent = text;
    item.status.className = 'status' + (kind ? ' ' + kind : '');
  }

  function showOverall(phase) {
    var total = 0, hashed = 0, sent = 0;
    items.forEach(function (it) {
      total += it.file.size;
      hashed += it.hashed;
      sent += it.sent;
    });
    overall.max = 1;
    overall.value = total ? (hashed + sent) / (2 * total) : 1;
    summary.textContent = phase + ' · hashed ' + Stoa.formatBytes(hashed) + ' of ' + Stoa.formatBytes(total)
      + ' · sent ' + Stoa.formatBytes(sent) + ' of ' + Stoa.formatBytes(total);
  }

  // ---------- remembered state

  function load(key) {
    try { return JSON.parse(localStorage.getItem(key) || 'null'); } catch (e) { return null; }
  }

  function store(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* storage full or off: no resume */ }
  }

  function forget(key) {
    try { localStorage.removeItem(key); } catch (e) { /* nothing to forget */ }
  }

  function fileKey(file) {
    return HASH_PREFIX + file.name + ':' + file.size + ':' + file.lastModified;
  }

  // ---------- hashing

  function hash(item) {
    var remembered = load(fileKey(item.file));
    if (remembered && remembered.sha256) {
      item.hashed = item.file.size;
      return Promise.resolve(remembered.sha256);
    }
    var hasher = sha256.create();
    var offset = 0;
    var step = function () {
      if (offset >= item.file.size) {
        var hex = hasher.hex();
        store(fileKey(item.file), { sha256: hex });
        return Promise.resolve(hex);
      }
      var end = Math.min(offset + HASH_SLICE, item.file.size);
      return item.file.slice(offset, end).arrayBuffer().then(function (buffer) {
        hasher.update(buffer);
        offset = end;
        item.hashed = offset;
        item.bar.value = item.file.size ? offset / item.file.size : 1;
        setStatus(item, 'Hashing ' + Math.floor(100 * item.bar.value) + '%');
        showOverall('Hashing');
        return step();
      });
    };
    return step();
  }

  function base64(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  }

  // ---------- HTTP

  function problem(response) {
    var header = response.headers.get('X-Error-Message');
    return response.text().then(function (body) {
      var message = header;
      if (!message) {
        try {
          var json = JSON.parse(body);
          message = json.message || json.error || json.detail;
        } catch (e) { message = null; }
      }
      var error = new Error(message || ('Stoa answered ' + response.status + '.'));
      error.status = response.status;
      throw error;
    });
  }

  function json(url, body, contentType) {
    return Stoa.api(url, {
      method: 'POST',
      headers: { 'Content-Type': contentType || 'application/json', 'Accept': contentType === LFS_JSON ? LFS_JSON : 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body)
    }).then(function (response) { return response.ok ? response.json() : problem(response); });
  }

  function sameOrigin(url) {
    return new URL(url, location.href).origin === location.origin;
  }

  /** One PUT of a slice, with upload progress; resolves with the ETag the store answered. */
  function put(url, blob, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open('PUT', url);
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      if (sameOrigin(url)) xhr.setRequestHeader('X-Csrf-Token', Stoa.csrfToken());
      xhr.upload.onprogress = function (event) { onProgress(event.loaded); };
      xhr.onload = function () {
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve(xhr.getResponseHeader('ETag'));
        } else {
          var error = new Error(xhr.getResponseHeader('X-Error-Message') || ('The upload was refused (' + xhr.status + ').'));
          error.status = xhr.status;
          reject(error);
        }
      };
      xhr.onerror = function () { var e = new Error('The connection dropped.'); e.status = 0; reject(e); };
      xhr.onabort = function () { var e = new Error('The upload was stopped.'); e.status = 0; reject(e); };
      xhr.send(blob);
    });
  }

  function retryable(error) {
    return !error.status || error.status >= 500 || error.status === 408 || error.status === 429;
  }

  function withRetries(what, attempt, onRetry) {
    var tries = 0;
    var go = function () {
      tries++;
      return attempt().catch(function (error) {
        if (tries >= MAX_TRIES || !retryable(error)) throw error;
        var wait = 1000 * Math.pow(2, tries - 1);
        onRetry(what + ' failed (' + error.message + '); retrying in ' + (wait / 1000) + ' s');
        return new Promise(function (r) { setTimeout(r, wait); }).then(go);
      });
    };
    return go();
  }

  // ---------- LFS transfer

  function stateKey(oid) {
    return STATE_PREFIX + oid;
  }

  function fresh(state) {
    return state && state.upload && state.expiresAt > Date.now() + 60000;
  }

  /** Asks the batch API where to send the objects that have no remembered upload; fills each item's state. */
  function batch(lfsItems) {
    var asked = lfsItems.filter(function (it) {
      var state = load(stateKey(it.oid));
      if (fresh(state)) { it.state = state; return false; }
      return true;
    });
    if (!asked.length) return Promise.resolve();
    var unique = {};
    asked.forEach(function (it) { unique[it.oid] = it.file.size; });
    var request = {
      operation: 'upload', transfers: ['multipart', 'basic'], hash_algo: 'sha256', ref: { name: 'refs/heads/' + BRANCH },
      objects: Object.keys(unique).map(function (oid) { return { oid: oid, size: unique[oid] }; })
    };
    return json(LFS_BATCH, request, LFS_JSON).then(function (answer) {
      var byOid = {};
      (answer.objects || []).forEach(function (o) { byOid[o.oid] = o; });
      asked.forEach(function (it) {
        var o = byOid[it.oid];
        if (!o) throw new Error('Stoa did not answer for ' + it.path + '.');
        if (o.error) throw new Error(it.path + ': ' + o.error.message);
        if (!o.actions || !o.actions.upload) {
          it.state = { present: true };
          return;
        }
        it.state = {
          upload: o.actions.upload, verify: o.actions.verify || null, etags: {},
          expiresAt: Date.now() + 1000 * (o.actions.upload.expires_in || 3600)
        };
        store(stateKey(it.oid), it.state);
      });
    });
  }

  function transfer(item) {
    var state = item.state;
    if (state.present) {
      item.sent = item.file.size;
      item.bar.value = 1;
      setStatus(item, 'Already stored on Stoa', 'ok');
      return Promise.resolve();
    }
    var header = state.upload.header || {};
    return header.chunk_size ? multipart(item, state, Number(header.chunk_size)) : single(item, state);
  }

  function single(item, state) {
    setStatus(item, 'Uploading');
    return withRetries('Upload', function () {
      return put(state.upload.href, item.file, function (loaded) { progress(item, loaded); });
    }, function (note) { setStatus(item, note); }).then(function () {
      return verify(item, state);
    });
  }

  function multipart(item, state, chunk) {
    var size = item.file.size;
    var count = Math.max(1, Math.ceil(size / chunk));
    var partSize = function (n) { return n < count ? chunk : size - (count - 1) * chunk; };
    var stored = Object.keys(state.etags).length;
    item.row.setAttribute('data-parts', String(count));
    item.row.setAttribute('data-resumed-parts', String(stored));
    var done = 0;
    var inflight = {};
    var pending = [];
    for (var n = 1; n <= count; n++) {
      if (state.etags[n]) done += partSize(n); else pending.push(n);
    }
    var update = function () {
      var loaded = done;
      Object.keys(inflight).forEach(function (k) { loaded += inflight[k]; });
      progress(item, loaded);
      var have = Object.keys(state.etags).length;
      setStatus(item, (stored ? 'Resumed: ' + stored + ' part(s) were already stored · ' : '') + 'part ' + have + ' of ' + count + ' stored');
    };
    update();
    var worker = function () {
      var number = pending.shift();
      if (number === undefined) return Promise.resolve();
      var start = (number - 1) * chunk;
      var slice = item.file.slice(start, start + partSize(number));
      return withRetries('Part ' + number, function () {
        inflight[number] = 0;
        return put(state.upload.header[String(number)], slice, function (loaded) { inflight[number] = loaded; update(); });
      }, function (note) { setStatus(item, note); }).then(function (etag) {
        delete inflight[number];
        state.etags[number] = etag;
        done += partSize(number);
        store(stateKey(item.oid), state);
        update();
        return worker();
      }, function (error) {
        delete inflight[number];
        throw error;
      });
    };
    var workers = [];
    for (var w = 0; w < PARALLEL_PARTS; w++) workers.push(worker());
    return Promise.all(workers).then(function () {
      setStatus(item, 'Assembling and verifying');
      var parts = [];
      for (var p = 1; p <= count; p++) parts.push({ partNumber: p, etag: state.etags[p] });
      return withRetries('Completion', function () {
        return json(state.upload.href, { oid: item.oid, parts: parts }, LFS_JSON);
      }, function (note) { setStatus(item, note); }).catch(function (error) {
        // The stored parts cannot be used (expired or lost): start this file afresh next time.
        forget(stateKey(item.oid));
        throw error;
      });
    });
  }

  function verify(item, state) {
    if (!state.verify) return Promise.resolve();
    setStatus(item, 'Verifying');
    return json(state.verify.href, { oid: item.oid, size: item.file.size }, LFS_JSON);
  }

  function progress(item, loaded) {
    item.sent = Math.min(loaded, item.file.size);
    item.bar.value = item.file.size ? item.sent / item.file.size : 1;
    showOverall('Uploading');
  }

  // ---------- the whole upload

  function targetPath(item) {
    var folder = cleanPath(document.getElementById('target-folder').value || '');
    return folder ? folder + '/' + item.relative : item.relative;
  }

  function readSample(item) {
    return item.file.slice(0, 512).arrayBuffer().then(function (b) { item.sample = base64(b); });
  }

  function start() {
    if (busy || !items.length) return;
    busy = true;
    refreshList();
    result.textContent = '';
    var chosen = items.slice();
    chosen.forEach(function (it) { it.path = targetPath(it); it.sent = 0; it.hashed = 0; setStatus(it, 'Waiting'); });
    var sequence = Promise.resolve();
    chosen.forEach(function (it) {
      sequence = sequence.then(function () { return hash(it); }).then(function (oid) {
        it.oid = oid;
        it.bar.value = 0;
        setStatus(it, 'Hashed; waiting to upload');
        return readSample(it);
      });
    });
    sequence.then(function () {
      showOverall('Asking Stoa how to send each file');
      return json(API_BASE + '/preupload/' + encodeURIComponent(BRANCH), {
        files: chosen.map(function (it) { return { path: it.path, sample: it.sample, size: it.file.size }; })
      });
    }).then(function (answer) {
      var modes = {};
      (answer.files || []).forEach(function (m) { modes[m.path] = m; });
      var toCommit = [];
      chosen.forEach(function (it) {
        var mode = modes[it.path] || { uploadMode: 'lfs' };
        it.sent = 0;
        if (mode.shouldIgnore) {
          setStatus(it, 'Skipped: .gitignore excludes it');
          it.sent = it.file.size;
          return;
        }
        it.lfs = mode.uploadMode === 'lfs';
        if (!it.lfs) setStatus(it, 'Small file: travels with the commit');
        toCommit.push(it);
      });
      var lfsItems = toCommit.filter(function (it) { return it.lfs; });
      return batch(lfsItems).then(function () {
        var chain = Promise.resolve();
        lfsItems.forEach(function (it) { chain = chain.then(function () { return transfer(it); }).then(function () {
          it.sent = it.file.size;
          it.bar.value = 1;
          setStatus(it, 'Stored and verified; waiting for the commit', 'ok');
          showOverall('Uploading');
        }, function (error) {
          setStatus(it, error.message, 'error');
          throw error;
        }); });
        return chain;
      }).then(function () { return commit(toCommit); });
    }).then(function (committed) {
      busy = false;
      overall.value = 1;
      summary.textContent = committed ? 'Committed ' + committed.count + ' file(s).' : 'Nothing to commit.';
      if (committed) {
        var notice = document.createElement('p');
        notice.className = 'notice ok';
        notice.id = 'upload-done';
        notice.append('Committed as ');
        var commitLink = document.createElement('a');
        commitLink.href = committed.commitUrl;
        commitLink.textContent = committed.commitOid.substring(0, 12);
        notice.append(commitLink, '. ');
        var files = document.createElement('a');
        files.href = FILES_URL;
        files.textContent = 'See the files';
        notice.append(files, '.');
        result.appendChild(notice);
      }
      refreshList();
    }).catch(function (error) {
      busy = false;
      var notice = document.createElement('p');
      notice.className = 'notice error';
      notice.id = 'upload-failed';
      notice.setAttribute('role', 'alert');
      notice.textContent = 'The upload stopped: ' + error.message
        + ' Parts already stored are kept: press "Upload and commit" again (or reload and choose the same files) to continue.';
      result.appendChild(notice);
      summary.textContent = 'Stopped.';
      refreshList();
    });
  }

  function commit(list) {
    if (!list.length) return Promise.resolve(null);
    var lines = [{ key: 'header', value: {
      summary: document.getElementById('commit-summary').value.trim() || ('Upload ' + (list.length === 1 ? list[0].path : list.length + ' files')),
      description: document.getElementById('commit-description').value
    } }];
    var reads = list.map(function (it) {
      if (it.lfs) {
        lines.push({ key: 'lfsFile', value: { path: it.path, algo: 'sha256', oid: it.oid, size: it.file.size } });
        return Promise.resolve();
      }
      return it.file.arrayBuffer().then(function (b) {
        it.sent = it.file.size;
        it.bar.value = 1;
        lines.push({ key: 'file', value: { path: it.path, content: base64(b), encoding: 'base64' } });
      });
    });
    return Promise.all(reads).then(function () {
      showOverall('Committing');
      var body = lines.map(function (l) { return JSON.stringify(l); }).join('\n') + '\n';
      return json(API_BASE + '/commit/' + encodeURIComponent(BRANCH), body, 'application/x-ndjson');
    }).then(function (answer) {
      list.forEach(function (it) {
        if (it.lfs) forget(stateKey(it.oid));
        setStatus(it, 'Committed', 'ok');
      });
      return { count: list.length, commitUrl: answer.commitUrl, commitOid: answer.commitOid };
    });
  }

  startButton.addEventListener('click', start);
  window.addEventListener('beforeunload', function (event) {
    if (busy) { event.preventDefault(); event.returnValue = ''; }
  });
  refreshList();
})();
