package io.atoll.runtime.connector.jdbc;

import io.atoll.runtime.connector.PluginClasses;
import io.atoll.runtime.connector.jdbc.JdbcSourceSettings.JdbcLogin;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.XAConnection;
import javax.sql.XADataSource;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XA side of the exactly-once Jdbc sink: a working XA connection whose branch takes the rows,
 * and a second, idle one for the second phase (PostgreSQL commits or rolls back a prepared
 * transaction only from a connection outside any transaction) and for {@code recover}.
 *
 * <p>MySQL and MariaDB keep a prepared branch attached to the session that prepared it: that
 * session cannot start the next branch (XAER_RMFAIL), and no other session can commit it while it
 * is open. On every database but PostgreSQL the working connection is therefore closed after each
 * prepare, which detaches the prepared branch (it survives the disconnect, as XA requires), and the
 * next branch starts on a new one: {@link #connection()} must be asked again after {@link #prepare}.
 */
final class JdbcSinkXa implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JdbcSinkXa.class);

  private final XADataSource dataSource;
  private final JdbcLogin login;
  private final int commitAttempts;
  private final boolean detachAfterPrepare;
  private final int timeoutSec;
  private final String dataSourceClass;
  private XAConnection work;
  private XAConnection control;

  JdbcSinkXa(String dataSourceClass, JdbcLogin login, int commitAttempts, int timeoutSec) throws SQLException {
    this.dataSource = dataSource(dataSourceClass, login);
    this.login = login;
    this.commitAttempts = commitAttempts;
    this.detachAfterPrepare = !login.postgres();
    this.timeoutSec = timeoutSec;
    this.dataSourceClass = dataSourceClass;
    this.work = workConnection();
  }

  private XAConnection workConnection() throws SQLException {
    XAConnection work = dataSource.getXAConnection();
    if (timeoutSec > 0) {
      try {
        if (!work.getXAResource().setTransactionTimeout(timeoutSec)) {
          log.warn("Jdbc sink: {} ignores transaction_timeout_sec = {}", dataSourceClass, timeoutSec);
        }
      } catch (XAException e) {
        work.close();
        throw sql("setting transaction_timeout_sec", e);
      }
    }
    return work;
  }

  /** The working connection: statements run inside the branch {@link #start}ed on it. */
  Connection connection() throws SQLException {
    return work.getConnection();
  }

  void start(Xid xid) throws SQLException {
    try {
      work.getXAResource().start(xid, XAResource.TMNOFLAGS);
    } catch (XAException e) {
      throw sql("starting XA branch " + xid, e);
    }
  }

  /**
   * Ends and prepares the branch: its rows are durable but invisible until {@link #commit}. Where
   * the database ties prepared branches to their session, the working connection is replaced.
   */
  void prepare(Xid xid) throws SQLException {
    try {
      work.getXAResource().end(xid, XAResource.TMSUCCESS);
      work.getXAResource().prepare(xid);
    } catch (XAException e) {
      throw sql("preparing XA branch " + xid, e);
    }
    if (detachAfterPrepare) {
      XAConnection prepared = work;
      work = null;
      prepared.close();
      work = workConnection();
    }
  }

  /** Ends the open branch as failed and rolls it back. */
  void rollbackOpen(Xid xid) throws SQLException {
    try {
      work.getXAResource().end(xid, XAResource.TMFAIL);
    } catch (XAException e) {
      log.debug("Jdbc sink: ending branch {} before its rollback: {}", xid, e.errorCode);
    }
    try {
      work.getXAResource().rollback(xid);
    } catch (XAException e) {
      if (e.errorCode != XAException.XAER_NOTA) {
        throw sql("rolling back XA branch " + xid, e);
      }
    }
  }

  /**
   * Commits a prepared branch, up to {@code max_commit_attempts} times. A branch the database no
   * longer lists as prepared is done: committed before (a repeated notice, or a restored writer).
   */
  void commit(Xid xid) throws SQLException {
    Exception last = null;
    for (int attempt = 1; attempt <= commitAttempts; attempt++) {
      try {
        control().commit(xid, false);
        return;
      } catch (XAException | SQLException e) {
        last = e;
        resetControl();
        if (!prepared().contains(xid)) {
          return; // committed already, or unknown: nothing left to commit
        }
        log.warn("Jdbc sink: commit {} of XA branch {} failed: {}", attempt, xid, e.toString());
      }
    }
    throw new SQLException("Jdbc sink: committing XA branch " + xid + " failed " + commitAttempts
        + " time(s) (max_commit_attempts): " + JdbcConnections.mask(String.valueOf(last), login.password()), last);
  }

  /** Rolls back a prepared branch; one the database does not know is fine. */
  void rollbackPrepared(Xid xid) throws SQLException {
    try {
      control().rollback(xid);
    } catch (XAException e) {
      if (e.errorCode != XAException.XAER_NOTA && prepared().contains(xid)) {
        throw sql("rolling back prepared XA branch " + xid, e);
      }
    }
  }

  /**
   * Settles a pipeline that ended without finishing: of its prepared branches in this database,
   * commits those a completed checkpoint lists and rolls back the others.
   *
   * @return how many were committed and rolled back
   */
  int[] settle(long jobId, int pipelineId, Collection<JdbcSinkXid> committed) throws SQLException {
    int[] counts = new int[2];
    for (JdbcSinkXid xid : prepared()) {
      if (!xid.ofPipeline(jobId, pipelineId)) {
        continue;
      }
      if (committed.contains(xid)) {
        commit(xid);
        counts[0]++;
      } else {
        rollbackPrepared(xid);
        counts[1]++;
      }
    }
    return counts;
  }

  /** Atoll's prepared branches in this database. */
  List<JdbcSinkXid> prepared() throws SQLException {
    try {
      List<JdbcSinkXid> found = new ArrayList<>();
      Xid[] xids = control().recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
      for (Xid xid : xids == null ? new Xid[0] : xids) {
        JdbcSinkXid ours = JdbcSinkXid.from(xid);
        if (ours != null) {
          found.add(ours);
        }
      }
      return found;
    } catch (XAException e) {
      throw sql("listing prepared XA branches (recover)", e);
    }
  }

  private XAResource control() throws SQLException {
    if (control == null) {
      control = dataSource.getXAConnection();
    }
    return control.getXAResource();
  }

  private void resetControl() {
    if (control != null) {
      try {
        control.close();
      } catch (SQLException e) {
        log.debug("Jdbc sink: closing the XA control connection: {}", e.toString());
      }
      control = null;
    }
  }

  private SQLException sql(String what, XAException e) {
    return new SQLException("Jdbc sink: " + what + " failed (XA error " + e.errorCode + "): "
        + JdbcConnections.mask(String.valueOf(e.getMessage()), login.password()), e);
  }

  @Override
  public void close() throws SQLException {
    resetControl();
    if (work != null) {
      work.close();
    }
  }

  /** The XADataSource, configured by its setUrl / setUser / setPassword (and setProperty for properties). */
  private static XADataSource dataSource(String className, JdbcLogin login) throws SQLException {
    try {
      Class<?> type = PluginClasses.load(className);
      XADataSource dataSource = (XADataSource) type.getDeclaredConstructor().newInstance();
      call(dataSource, "setUrl", login.url());
      if (login.user() != null) {
        call(dataSource, "setUser", login.user());
      }
      if (login.password() != null) {
        call(dataSource, "setPassword", login.password());
      }
      if (!login.properties().isEmpty()) {
        Method setProperty = type.getMethod("setProperty", String.class, String.class);
        for (var e : login.properties().entrySet()) {
          setProperty.invoke(dataSource, e.getKey(), e.getValue());
        }
      }
      return dataSource;
    } catch (ClassNotFoundException e) {
      throw new SQLException("option 'xa_data_source_class_name': class " + className + " is not on the classpath;"
          + " put the driver's jar in the node's plugins/ directory", e);
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new SQLException("option 'xa_data_source_class_name': " + className + " cannot be set up as an"
          + " XADataSource with url, user, password and properties: " + e, e);
    }
  }

  private static void call(Object target, String setter, String value) throws ReflectiveOperationException {
    target.getClass().getMethod(setter, String.class).invoke(target, value);
  }
}
