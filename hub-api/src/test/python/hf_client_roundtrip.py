"""Round trip through a running Stoa with the stock huggingface_hub client.

Usage (a Stoa on embedded defaults, a write token of some user):
    pip install huggingface_hub
    HF_ENDPOINT=http://localhost:8080 HF_HUB_DISABLE_XET=1 HF_TOKEN=stoa_... python hf_client_roundtrip.py

Exits non-zero at the first difference from what the Hugging Face Hub would answer.
"""
import hashlib
import os
import sys
import tempfile
import uuid

from huggingface_hub import HfApi, hf_hub_download, snapshot_download
from huggingface_hub.utils import EntryNotFoundError, RevisionNotFoundError

api = HfApi()
me = api.whoami()["name"]
repo_id = f"{me}/roundtrip-{uuid.uuid4().hex[:8]}"
weights = os.urandom(12 * 1024 * 1024 + 7)

url = api.create_repo(repo_id, private=True)
assert str(url).endswith(repo_id), url
assert api.create_repo(repo_id, exist_ok=True)

with tempfile.TemporaryDirectory() as folder:
    with open(os.path.join(folder, "README.md"), "w") as f:
        f.write("---\nlicense: apache-2.0\nlibrary_name: peft\nbase_model: org/base\ntags: [lora]\n---\n# Adapter\n")
    with open(os.path.join(folder, "adapter_config.json"), "w") as f:
        f.write('{"base_model_name_or_path": "org/base", "peft_type": "LORA"}')
    with open(os.path.join(folder, "adapter_model.safetensors"), "wb") as f:
        f.write(weights)
    os.makedirs(os.path.join(folder, "sub", "dir"))
    with open(os.path.join(folder, "sub", "dir", "notes.txt"), "w") as f:
        f.write("nested")
    info = api.upload_folder(repo_id=repo_id, folder_path=folder, commit_message="First upload")
    print("upload_folder ->", info.oid)

files = sorted(api.list_repo_files(repo_id))
assert files == [".gitattributes", "README.md", "adapter_config.json", "adapter_model.safetensors", "sub/dir/notes.txt"], files

model = api.model_info(repo_id, files_metadata=True)
assert model.sha == info.oid, (model.sha, info.oid)
assert model.card_data and model.card_data.get("license") == "apache-2.0", model.card_data
lfs = {s.rfilename: s.lfs for s in model.siblings}
assert lfs["adapter_model.safetensors"].sha256 == hashlib.sha256(weights).hexdigest()

path = hf_hub_download(repo_id, "adapter_model.safetensors")
assert open(path, "rb").read() == weights
snapshot = snapshot_download(repo_id)
assert open(os.path.join(snapshot, "sub", "dir", "notes.txt")).read() == "nested"

try:
    hf_hub_download(repo_id, "missing.bin")
    sys.exit("a missing file was downloaded")
except EntryNotFoundError:
    pass
try:
    api.list_repo_files(repo_id, revision="no-such-branch")
    sys.exit("an unknown revision was listed")
except RevisionNotFoundError:
    pass

api.create_branch(repo_id, branch="feature/x")
api.upload_file(path_or_fileobj=b"on a branch", path_in_repo="branch.txt", repo_id=repo_id, revision="feature/x")
assert "branch.txt" in api.list_repo_files(repo_id, revision="feature/x")
api.create_tag(repo_id, tag="v1", tag_message="first")
refs = api.list_repo_refs(repo_id)
assert {b.name for b in refs.branches} >= {"main", "feature/x"}, refs
assert [t.name for t in refs.tags] == ["v1"], refs
commits = api.list_repo_commits(repo_id)
assert commits[0].title == "First upload", commits[0]

api.delete_file("sub/dir/notes.txt", repo_id)
assert "sub/dir/notes.txt" not in api.list_repo_files(repo_id)
api.update_repo_settings(repo_id, private=False)
assert api.model_info(repo_id).private is False
api.delete_repo(repo_id)
print("huggingface_hub", __import__("huggingface_hub").__version__, "round trip OK against", os.environ.get("HF_ENDPOINT"))
