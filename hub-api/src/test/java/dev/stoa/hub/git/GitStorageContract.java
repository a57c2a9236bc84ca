package dev.stoa.hub.git;

import static dev.stoa.hub.git.GitWrites.commit;
import static dev.stoa.hub.git.GitWrites.move;
import static dev.stoa.hub.git.GitWrites.randomRepoId;
import static dev.stoa.hub.git.GitWrites.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.hub.git.storage.PackKeys;
import dev.stoa.hub.storage.ObjectInfo;
import dev.stoa.hub.storage.ObjectStore;
import org.eclipse.jgit.internal.storage.dfs.DfsRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.RefUpdate.Result;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TestProtocol;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the git storage guarantees, on whichever object store the implementing test class runs. */
interface GitStorageContract {

    String MAIN = "refs/heads/main";
    Duration HOUR = Duration.ofHours(1);

    GitRepositories repositories();

    PackCompactor compactor();

    ObjectStore store();

    /** How many commits the history test writes, each flushed as its own pack. */
    int manyCommits();

    @Test
    default void whatOneInstanceWritesAnotherReadsBack() throws IOException {
        long repoId = newRepository();
        ObjectId first;
        ObjectId second;
        try (Repository writer = repositories().open(repoId)) {
            first = commit(writer, null, "README.md", "# hello");
            assertThat(move(writer, MAIN, ObjectId.zeroId(), first)).isEqualTo(Result.NEW);
            second = commit(writer, first, "README.md", "# hello again");
            assertThat(move(writer, MAIN, first, second)).isEqualTo(Result.FAST_FORWARD);
        }

        try (Repository reader = repositories().open(repoId)) {
            Ref head = reader.exactRef(Constants.HEAD);
            assertThat(head.isSymbolic()).isTrue();
            assertThat(head.getTarget().getName()).isEqualTo(MAIN);
            assertThat(head.getObjectId()).isEqualTo(second);
            assertThat(read(reader, second, "README.md")).isEqualTo("# hello again");
            assertThat(read(reader, first, "README.md")).isEqualTo("# hello");
            try (RevWalk walk = new RevWalk(reader)) {
                assertThat(walk.parseCommit(second).getParent(0)).isEqualTo(first);
            }
        }
    }

    @Test
    default void aNewRepositoryHasHeadOnMainAndNoCommit() throws IOException {
        long repoId = newRepository();
        repositories().create(repoId); // idempotent

        try (Repository repository = repositories().open(repoId)) {
            assertThat(repository.exactRef(Constants.HEAD).getTarget().getName()).isEqualTo(MAIN);
            assertThat(repository.resolve(Constants.HEAD)).isNull();
            assertThat(repository.getRefDatabase().getRefs()).isEmpty();
        }
        assertThatThrownBy(() -> repositories().open(randomRepoId())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    default void twoWritersRacingOnABranchOneWinsAndTheOtherIsToldSo() throws Exception {
        long repoId = newRepository();
        ObjectId base;
        try (Repository repository = repositories().open(repoId)) {
            base = commit(repository, null, "f.txt", "base");
            move(repository, MAIN, ObjectId.zeroId(), base);
        }
        for (int round = 0; round < 10; round++) {
            ObjectId parent = base;
            CyclicBarrier start = new CyclicBarrier(2);
            List<CompletableFuture<Attempt>> attempts = new ArrayList<>();
            for (String writer : List.of("a", "b")) {
                attempts.add(CompletableFuture.supplyAsync(() -> {
                    try (Repository repository = repositories().open(repoId)) {
                        ObjectId mine = commit(repository, parent, "f.txt", writer + " " + parent.name());
                        start.await();
                        return new Attempt(mine, move(repository, MAIN, parent, mine));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            List<Attempt> results = attempts.stream().map(CompletableFuture::join).toList();

            assertThat(results).extracting(Attempt::result)
                    .containsExactlyInAnyOrder(Result.FAST_FORWARD, Result.LOCK_FAILURE);
            ObjectId winner = results.stream().filter(a -> a.result() == Result.FAST_FORWARD).findFirst().orElseThrow().commit();
            try (Repository repository = repositories().open(repoId)) {
                assertThat(repository.resolve(MAIN)).isEqualTo(winner);
                try (RevWalk walk = new RevWalk(repository)) {
                    assertThat(walk.parseCommit(winner).getParent(0)).isEqualTo(parent);
                }
            }
            base = winner;
        }
    }

    record Attempt(ObjectId commit, Result result) {
    }

    @Test
    default void twoWritersCreatingOneRefOneCreatesIt() throws Exception {
        long repoId = newRepository();
        ObjectId a;
        ObjectId b;
        try (Repository repository = repositories().open(repoId)) {
            a = commit(repository, null, "f.txt", "a");
            b = commit(repository, null, "f.txt", "b");
        }
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<Result>> creations = Stream.of(a, b).map(id -> CompletableFuture.supplyAsync(() -> {
            try (Repository repository = repositories().open(repoId)) {
                repository.exactRef("refs/heads/feature"); // both read the ref as missing before racing
                start.await();
                return move(repository, "refs/heads/feature", ObjectId.zeroId(), id);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).toList();

        assertThat(creations.stream().map(CompletableFuture::join))
                .containsExactlyInAnyOrder(Result.NEW, Result.LOCK_FAILURE);
        try (Repository repository = repositories().open(repoId)) {
            assertThat(repository.resolve("refs/heads/feature")).isIn(a, b);
        }
    }

    @Test
    default void aDeleteWithAStaleOldValueFailsAndWithTheCurrentOneSucceeds() throws IOException {
        long repoId = newRepository();
        ObjectId first;
        ObjectId second;
        try (Repository repository = repositories().open(repoId)) {
            first = commit(repository, null, "f.txt", "1");
            second = commit(repository, first, "f.txt", "2");
            move(repository, "refs/heads/topic", ObjectId.zeroId(), first);
            move(repository, "refs/heads/topic", first, second);
        }

        try (Repository repository = repositories().open(repoId)) {
            RefUpdate stale = repository.updateRef("refs/heads/topic");
            stale.setExpectedOldObjectId(first);
            stale.setForceUpdate(true);
            assertThat(stale.delete()).isEqualTo(Result.LOCK_FAILURE);
        }
        try (Repository repository = repositories().open(repoId)) {
            assertThat(repository.resolve("refs/heads/topic")).isEqualTo(second);
            RefUpdate current = repository.updateRef("refs/heads/topic");
            current.setExpectedOldObjectId(second);
            current.setForceUpdate(true);
            assertThat(current.delete()).isEqualTo(Result.FORCED);
        }
        try (Repository repository = repositories().open(repoId)) {
            assertThat(repository.exactRef("refs/heads/topic")).isNull();
        }
    }

    @Test
    default void aLongHistoryOfSmallPacksIsCompactedAndOldPacksGoOnlyAfterTheGracePeriod() throws IOException {
        long repoId = newRepository();
        int total = manyCommits();
        int commitsPerPack = 10;
        int packsPerInstance = 250;
        ObjectId head = ObjectId.zeroId();
        long writing = 0;
        long compacting = 0;
        for (int written = 0; written < total; ) {
            long t0 = System.nanoTime();
            // A fresh instance per batch, as each request opens its own; the collector runs in between.
            try (Repository repository = repositories().open(repoId)) {
                for (int pack = 0; pack < packsPerInstance && written < total; pack++) {
                    ObjectId next = head;
                    try (ObjectInserter inserter = repository.newObjectInserter()) {
                        for (int i = 0; i < commitsPerPack && written < total; i++, written++) {
                            next = commit(inserter, next.equals(ObjectId.zeroId()) ? null : next, "weights.txt", "version " + written);
                        }
                        inserter.flush();
                    }
                    assertThat(move(repository, MAIN, head, next)).isIn(Result.NEW, Result.FAST_FORWARD);
                    head = next;
                }
            }
            long t1 = System.nanoTime();
            assertThat(compactor().compact(repoId, HOUR)).isTrue();
            writing += t1 - t0;
            compacting += System.nanoTime() - t1;
        }
        System.out.printf("TIMING %d commits in %d packs: writing %d ms, compacting %d ms%n",
                total, total / commitsPerPack, writing / 1_000_000, compacting / 1_000_000);
        Set<String> filesBeforeLastCompaction = fileKeys(repoId);

        assertThat(compactor().compact(repoId, HOUR)).isTrue();

        try (Repository repository = repositories().open(repoId)) {
            assertThat(((DfsRepository) repository).getObjectDatabase().getPacks()).hasSizeLessThanOrEqualTo(2);
            assertThat(countCommits(repository, head)).isEqualTo(total);
            assertThat(read(repository, head, "weights.txt")).isEqualTo("version " + (total - 1));
        }
        assertThat(fileKeys(repoId)).as("replaced packs stay for the grace period").containsAll(filesBeforeLastCompaction);

        compactor().deleteReplacedPacks(HOUR);
        assertThat(fileKeys(repoId)).containsAll(filesBeforeLastCompaction);

        compactor().deleteReplacedPacks(Duration.ZERO);
        Set<String> remaining = fileKeys(repoId);
        assertThat(remaining).doesNotContainAnyElementsOf(filesBeforeLastCompaction).isNotEmpty();
        try (Repository repository = repositories().open(repoId)) {
            assertThat(countCommits(repository, head)).isEqualTo(total);
        }
    }

    @Test
    default void thePackOfAWriterThatLostTheRaceIsCollectedOnlyAfterTheGracePeriod() throws IOException {
        long repoId = newRepository();
        ObjectId base;
        ObjectId winner;
        ObjectId loser;
        Set<String> loserFiles;
        try (Repository a = repositories().open(repoId); Repository b = repositories().open(repoId)) {
            base = commit(a, null, "f.txt", "base");
            move(a, MAIN, ObjectId.zeroId(), base);
            b.exactRef(MAIN);
            winner = commit(a, base, "f.txt", "winner");
            Set<String> before = fileKeys(repoId);
            loser = commit(b, base, "f.txt", "loser");
            loserFiles = fileKeys(repoId).stream().filter(key -> !before.contains(key)).collect(Collectors.toSet());
            assertThat(move(a, MAIN, base, winner)).isEqualTo(Result.FAST_FORWARD);
            assertThat(move(b, MAIN, base, loser)).isEqualTo(Result.LOCK_FAILURE);
        }
        assertThat(loserFiles).isNotEmpty();

        assertThat(compactor().compact(repoId, HOUR)).isTrue();
        compactor().deleteReplacedPacks(HOUR);
        assertThat(fileKeys(repoId)).containsAll(loserFiles);
        assertThat(contains(repoId, loser)).as("unreachable, but kept for the grace period").isTrue();

        compactor().deleteReplacedPacks(Duration.ZERO);
        assertThat(fileKeys(repoId)).doesNotContainAnyElementsOf(loserFiles);
        assertThat(contains(repoId, loser)).as("moved to a garbage pack, still within its grace period").isTrue();

        assertThat(compactor().compact(repoId, Duration.ZERO)).isTrue();
        compactor().deleteReplacedPacks(Duration.ZERO);
        assertThat(contains(repoId, loser)).isFalse();
        try (Repository repository = repositories().open(repoId)) {
            assertThat(repository.resolve(MAIN)).isEqualTo(winner);
            assertThat(read(repository, winner, "f.txt")).isEqualTo("winner");
        }
    }

    @Test
    default void deletingARepositoryRemovesItsFilesAndRows() throws IOException {
        long repoId = newRepository();
        try (Repository repository = repositories().open(repoId)) {
            ObjectId first = commit(repository, null, "f.txt", "1");
            move(repository, MAIN, ObjectId.zeroId(), first);
            move(repository, MAIN, first, commit(repository, first, "f.txt", "2"));
        }
        compactor().compact(repoId, HOUR); // leaves replaced packs behind too
        assertThat(fileKeys(repoId)).isNotEmpty();

        repositories().delete(repoId);

        assertThat(fileKeys(repoId)).isEmpty();
        assertThatThrownBy(() -> repositories().open(repoId)).isInstanceOf(IllegalStateException.class);
        repositories().delete(repoId); // idempotent
        repositories().create(repoId);
        try (Repository recreated = repositories().open(repoId)) {
            assertThat(recreated.getRefDatabase().getRefs()).isEmpty();
            assertThat(((DfsRepository) recreated).getObjectDatabase().getPacks()).isEmpty();
        }
    }

    @Test
    default void aGitClientFetchesAndPushesThroughUploadPackAndReceivePack() throws Exception {
        long repoId = newRepository();
        ObjectId first;
        try (Repository repository = repositories().open(repoId)) {
            first = commit(repository, null, "README.md", "served");
            move(repository, MAIN, ObjectId.zeroId(), first);
        }
        byte[] large = new byte[3 * 1024 * 1024]; // incompressible, so the received pack is written through a temporary file
        new java.util.Random(7).nextBytes(large);
        ObjectId pushed;
        TestProtocol<Object> protocol = new TestProtocol<>((request, db) -> new UploadPack(db), (request, db) -> new ReceivePack(db));
        Transport.register(protocol);
        try (Repository served = repositories().open(repoId);
             InMemoryRepository client = new InMemoryRepository(new DfsRepositoryDescription("client-" + repoId));
             Git git = new Git(client)) {
            URIish uri = protocol.register(new Object(), served);
            git.fetch().setRemote(uri.toString()).setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*")).call();
            assertThat(client.resolve("refs/remotes/origin/main")).isEqualTo(first);
            assertThat(read(client, first, "README.md")).isEqualTo("served");

            try (ObjectInserter inserter = client.newObjectInserter()) {
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, large);
                TreeFormatter tree = new TreeFormatter();
                tree.append("model.bin", FileMode.REGULAR_FILE, blob);
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(inserter.insert(tree));
                commit.setParentId(first);
                commit.setAuthor(GitWrites.AUTHOR);
                commit.setCommitter(GitWrites.AUTHOR);
                commit.setMessage("Add weights");
                pushed = inserter.insert(commit);
                inserter.flush();
            }
            Iterable<PushResult> results = git.push().setRemote(uri.toString())
                    .setRefSpecs(new RefSpec(pushed.name() + ":" + MAIN)).call();
            assertThat(results.iterator().next().getRemoteUpdate(MAIN).getStatus()).isEqualTo(RemoteRefUpdate.Status.OK);
        } finally {
            Transport.unregister(protocol);
        }

        try (Repository repository = repositories().open(repoId);
             ObjectReader reader = repository.newObjectReader();
             RevWalk walk = new RevWalk(reader)) {
            assertThat(repository.resolve(MAIN)).isEqualTo(pushed);
            RevCommit commit = walk.parseCommit(pushed);
            try (TreeWalk tree = TreeWalk.forPath(reader, "model.bin", commit.getTree())) {
                assertThat(reader.open(tree.getObjectId(0)).getBytes(large.length + 1)).isEqualTo(large);
            }
        }
    }

    private long newRepository() {
        long repoId = randomRepoId();
        repositories().create(repoId);
        return repoId;
    }

    private Set<String> fileKeys(long repoId) {
        try (Stream<ObjectInfo> files = store().list(PackKeys.repositoryPrefix(repoId))) {
            return files.map(ObjectInfo::key).collect(Collectors.toSet());
        }
    }

    private boolean contains(long repoId, ObjectId id) throws IOException {
        try (Repository repository = repositories().open(repoId)) {
            return repository.getObjectDatabase().has(id);
        }
    }

    private static int countCommits(Repository repository, ObjectId head) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(head));
            int count = 0;
            for (RevCommit ignored : walk) {
                count++;
            }
            return count;
        }
    }
}
