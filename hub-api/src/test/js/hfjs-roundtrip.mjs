// Drives Hugging Face's JavaScript client (@huggingface/hub) through a round trip against a running Stoa and prints
// what the client saw as one JSON object; the Java test (HuggingFaceJsTest) checks it against its own computation.
//
//   STOA_URL=http://127.0.0.1:8080 STOA_TOKEN=hf_stoa_... STOA_REPO=alice/demo \
//   UPLOAD_DIR=<files to upload> DOWNLOAD_DIR=<empty folder> DELETE_PATH=<one uploaded path> node hfjs-roundtrip.mjs
import { openAsBlob } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import {
	createRepo,
	deleteFile,
	downloadFile,
	fileExists,
	listFiles,
	modelInfo,
	uploadFiles,
	whoAmI,
} from "@huggingface/hub";

const env = (name) => {
	const value = process.env[name];
	if (!value) {
		throw new Error(`Set ${name}`);
	}
	return value;
};

const hubUrl = env("STOA_URL");
const accessToken = env("STOA_TOKEN");
const repo = { type: "model", name: env("STOA_REPO") };
const uploadDir = env("UPLOAD_DIR");
const downloadDir = env("DOWNLOAD_DIR");
const deletePath = env("DELETE_PATH");
const credentials = { hubUrl, accessToken };

async function filesUnder(folder) {
	const entries = await readdir(folder, { recursive: true, withFileTypes: true });
	return entries.filter((e) => e.isFile()).map((e) => relative(folder, join(e.parentPath ?? e.path, e.name)).split("\\").join("/"));
}

async function listAll() {
	const entries = [];
	for await (const entry of listFiles({ repo, recursive: true, ...credentials })) {
		entries.push({ type: entry.type, path: entry.path, size: entry.size, oid: entry.oid, lfs: entry.lfs ?? null });
	}
	return entries.sort((a, b) => a.path.localeCompare(b.path));
}

const seen = {};
seen.whoami = (await whoAmI(credentials)).name;

const created = await createRepo({ repo, private: true, ...credentials });
seen.repoUrl = created.repoUrl;

const paths = (await filesUnder(uploadDir)).sort();
const uploaded = await uploadFiles({
	repo,
	files: await Promise.all(paths.map(async (path) => ({ path, content: await openAsBlob(join(uploadDir, path)) }))),
	commitTitle: "Upload from huggingface.js",
	useXet: false,
	...credentials,
});
seen.commit = { oid: uploaded.commit.oid, url: uploaded.commit.url };

seen.files = await listAll();

seen.downloaded = [];
for (const path of paths) {
	const blob = await downloadFile({ repo, path, ...credentials });
	const target = join(downloadDir, path);
	await mkdir(dirname(target), { recursive: true });
	await writeFile(target, Buffer.from(await blob.arrayBuffer()));
	seen.downloaded.push(path);
}

const info = await modelInfo({ name: repo.name, additionalFields: ["sha"], ...credentials });
seen.modelInfo = { name: info.name, private: info.private, sha: info.sha, id: info.id };

const deleted = await deleteFile({ repo, path: deletePath, commitTitle: `Delete ${deletePath}`, ...credentials });
seen.deleteCommit = deleted.commit.oid;
seen.filesAfterDelete = (await listAll()).map((e) => e.path);
seen.deletedFileExists = await fileExists({ repo, path: deletePath, ...credentials });

console.log(JSON.stringify(seen));
