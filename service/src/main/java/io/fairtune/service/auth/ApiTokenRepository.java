package io.fairtune.service.auth;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Expiry and revocation are judged by the database clock, like every other time in the service. */
interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

    @Query("select t from ApiToken t where t.tokenHash = :tokenHash and t.revokedAt is null"
            + " and (t.expiresAt is null or t.expiresAt > current_timestamp)")
    Optional<ApiToken> findActiveByHash(String tokenHash);

    boolean existsByNameAndRevokedAtIsNull(String name);

    List<ApiToken> findAllByOrderById();

    /** Locked, so two concurrent revocations cannot both leave no admin. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from ApiToken t where t.role = io.fairtune.service.auth.Role.ADMIN and t.revokedAt is null"
            + " and (t.expiresAt is null or t.expiresAt > current_timestamp)")
    List<ApiToken> lockActiveAdmins();

    @Modifying
    @Query("update ApiToken t set t.revokedAt = current_timestamp where t.id = :id and t.revokedAt is null")
    int revoke(long id);

    @Query(value = "select now()", nativeQuery = true)
    Instant databaseNow();
}
